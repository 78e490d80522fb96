import { tempLedger, writeSeededLedger } from '@benefit-ledger/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BulkLoad, DerivedReadModels, ROW_FACT_TABLES, ReadModelTable, rebuildReadModels } from '../src';
import { REALISATION_INPUTS } from '../src/benefit-realisations';
import { tableDigest } from '../src/digests';
import { DerivedApart, stageDerivedApart, stagedFileOf } from '../src/rebuild/derived-apart';

jest.setTimeout(120_000);

/**
 * The worker's side of a rebuild hands its derived tables over one at a time (derived-apart.ts): flow_parts first,
 * in a file of its own that it has let go, so that the main thread copies it in while benefit_realisations is still
 * being derived; both, once copied, are row for row what a rebuild on one thread derives.
 */
describe('derived tables staged apart, one at a time', () => {
  it('lets flow_parts be copied in while benefit_realisations is derived, and both match a one-thread rebuild', async () => {
    const ledger = tempLedger();
    try {
      await writeSeededLedger(ledger.store, { events: 3_000, seed: 'derived-apart-1', batchMonths: 1 });
      const oneThread = ledger.openReadModels('one-thread.sqlite');
      await rebuildReadModels(ledger.store, oneThread); // under jest: no compiled worker, all on this thread
      const head = await ledger.store.headPosition();

      const figures = join(ledger.dir, 'shared.sqlite');
      const staging = `${figures}.staging`;
      const bulk = new BulkLoad({ figures });
      const sources: readonly ReadModelTable[] = [...DerivedReadModels.SOURCES, ...REALISATION_INPUTS];
      bulk.loadRowFactsFromSqliteLog(
        ledger.store.file,
        head,
        ROW_FACT_TABLES.filter((t) => sources.includes(t)),
      );
      bulk.buildDerived(['validated_benefits']);
      bulk.exportDerivationInputs(staging);

      const reported: DerivedApart[] = [];
      stageDerivedApart(staging, (table) => {
        reported.push(table);
        // what the main thread does on the first report, while the worker's connection still holds the staging file
        if (table === 'flow_parts') bulk.copyDerivedFrom(staging, ['flow_parts']);
      });
      expect(reported).toEqual(['flow_parts', 'benefit_realisations']);
      bulk.copyDerivedFrom(staging, ['benefit_realisations']);
      bulk.close();
      expect(existsSync(stagedFileOf(staging, 'flow_parts'))).toBe(true);

      const shared = new Database(figures, { readonly: true });
      try {
        const rows = (db: Database.Database, table: string) =>
          (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
        expect(rows(shared, 'flow_parts')).toBeGreaterThan(100);
        expect(rows(shared, 'benefit_realisations')).toBeGreaterThan(10);
        for (const table of ['flow_parts', 'benefit_realisations'] as const) {
          expect(rows(shared, table)).toBe(rows(oneThread.db, table));
          expect(tableDigest(shared, table, null)).toBe(tableDigest(oneThread.db, table, null));
        }
      } finally {
        shared.close();
      }
    } finally {
      await ledger.close();
    }
  });
});
