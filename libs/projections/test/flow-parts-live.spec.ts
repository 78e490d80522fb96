import { readLog, tempLedger, writeSeededLedger } from '@benefit-ledger/testing';
import { rebuildReadModels } from '../src';
import { tableDigest } from '../src/digests';

jest.setTimeout(300_000);

/**
 * flow_parts kept live (derived-read-models.ts): a new validation derives its intervention's parts again, and a
 * batch of only new costs adds one version per cost to each benefit (FlowPartsWriter.afterCosts) instead. On a
 * seeded ledger on real SQLite files, folded one event at a time (every cost on its own) and in batches (costs of
 * one intervention together, or beside its validations), the table is row for row what a rebuild derives whole.
 */
describe('flow parts, kept live', () => {
  it.each([1, 37])('equal a rebuild when the log is folded %i event(s) at a time', async (batch) => {
    const ledger = tempLedger();
    try {
      await writeSeededLedger(ledger.store, { events: 6_000, seed: 'flow-parts-live-1', batchMonths: 1 });
      const log = await readLog(ledger.store);
      for (let i = 0; i < log.length; i += batch) ledger.readModels.apply(log.slice(i, i + batch));
      const rebuilt = ledger.openReadModels('rebuilt.sqlite');
      await rebuildReadModels(ledger.store, rebuilt);

      const count = (sql: string) => (rebuilt.db.prepare(sql).get() as { n: number }).n;
      // versions a cost started (after its benefit's validation), and ones a later cost ended: what afterCosts makes
      expect(count('SELECT COUNT(*) AS n FROM flow_parts WHERE valid_from > decision_position')).toBeGreaterThan(50);
      expect(count('SELECT COUNT(*) AS n FROM flow_parts WHERE valid_to IS NOT NULL')).toBeGreaterThan(50);
      expect(count('SELECT COUNT(*) AS n FROM flow_parts')).toBe(
        (ledger.readModels.db.prepare('SELECT COUNT(*) AS n FROM flow_parts').get() as { n: number }).n,
      );
      expect(tableDigest(ledger.readModels.db, 'flow_parts', null)).toBe(tableDigest(rebuilt.db, 'flow_parts', null));
      expect(ledger.readModels.digest()).toBe(rebuilt.digest());
    } finally {
      await ledger.close();
    }
  });
});
