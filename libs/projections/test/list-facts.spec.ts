import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@benefit-ledger/event-store';
import { BulkLoad, Projector, ReadModelLists, ReadModelStore, rebuildReadModels } from '../src';
import { TempLedger, interventionStream, readLog, tempLedger } from '@benefit-ledger/testing';

/**
 * The facts the lists read (an intervention's pathway and lenses, its decisions, a claim's value and description,
 * revisions, finance's notes): given a real SQLite log with every one of them, in their usual and unusual shapes, the
 * live fold and a rebuild (SQLite making the rows from the log) give the same rows and the same digest; and a stored
 * event whose lens is written twice (SQLite would read the first copy, JSON.parse the last) is folded as written.
 */
const ACUTE = 'acute-a';
const COMMUNITY = 'community-b';

const NEW_COLUMNS_SQL = {
  interventions:
    'SELECT intervention_id, pathway, lens_economic, lens_social, lens_strategic FROM interventions ORDER BY intervention_id',
  intervention_decisions:
    'SELECT position, intervention_id, decision, decided_on FROM intervention_decisions ORDER BY position',
  benefits: 'SELECT benefit_id, value_pence, typeof(value_pence) AS t, description FROM benefits ORDER BY position',
  benefit_revisions: 'SELECT position, benefit_id, value_pence FROM benefit_revisions ORDER BY position',
  benefit_decisions: 'SELECT position, decision, note FROM benefit_decisions ORDER BY position',
};

describe('the facts the lists read', () => {
  let ledger: TempLedger;
  beforeEach(() => {
    ledger = tempLedger();
  });
  afterEach(() => ledger.close());

  /** Every new fact, with lenses and pathways of each shape, and returns the position of the one whose lens the test alters. */
  async function seed(): Promise<number> {
    const { writer } = ledger;
    await writer.organisation(ACUTE, { type: 'acute-trust' });
    await writer.organisation(COMMUNITY, { type: 'community-trust' });
    const altered = (
      await writer.intervention('int-1', ACUTE, { lenses: { economic: true, social: false, strategic: true } })
    ).position;
    await writer.intervention('int-2', COMMUNITY, { pathway: null, title: 'St John\'s – é "quoted"' });
    const contributor = { userId: `contributor@${ACUTE}`, organisationId: ACUTE, role: 'contributor' };
    // shapes the domain never writes, from an older version or by hand: lenses absent, an array, a string flag
    await writer.append(
      interventionStream('int-3'),
      'InterventionRegistered',
      { interventionId: 'int-3', title: 'No lenses', leadOrganisationId: ACUTE },
      contributor,
    );
    await writer.append(
      interventionStream('int-4'),
      'InterventionRegistered',
      { interventionId: 'int-4', title: 'Odd lenses', leadOrganisationId: ACUTE, lenses: ['economic'] },
      contributor,
    );
    await writer.append(
      interventionStream('int-5'),
      'InterventionRegistered',
      {
        interventionId: 'int-5',
        title: 'Stringly lenses',
        leadOrganisationId: ACUTE,
        lenses: { economic: 'true', social: 1, strategic: true },
      },
      contributor,
    );
    await writer.decision('int-1', 'approve');
    await writer.decision('int-1', 'start');
    await writer.decision('int-1', 'scale');
    await writer.claim('int-1', {
      benefitId: 'b-1',
      valuePence: 3_000_000,
      financialYear: '2019/20',
      landingOrganisationId: COMMUNITY,
    });
    await writer.claim('int-1', {
      benefitId: 'b-2',
      valuePence: 70_000,
      financialYear: '2019/20',
      landingOrganisationId: ACUTE,
      description: 'it’s “quoted”',
    });
    await writer.append(
      interventionStream('int-1'),
      'BenefitClaimed',
      {
        benefitId: 'b-3',
        benefitType: 'quality',
        lens: 'social',
        recurrence: 'recurrent',
        financialYear: '2019/20',
        landingOrganisationId: ACUTE,
      },
      contributor,
    );
    await writer.revise('int-1', 'b-2', 60_000);
    await writer.revise('int-1', 'b-2', 55_000);
    await writer.validate('int-1', 'b-1', 2_500_000, COMMUNITY);
    await writer.reject('int-1', 'b-2', ACUTE);
    await writer.append(
      interventionStream('int-1'),
      'BenefitValidated',
      { benefitId: 'b-3', validatedValuePence: 0 },
      contributor,
    );
    return altered;
  }

  const foldLive = async (store: SqliteEventStore, readModels: ReadModelStore) => {
    await new Projector(store, readModels, () => store.headPosition(), { catchUpWhenStopped: true }).caughtUp();
    return readModels.digest();
  };

  const rowsOf = (db: Database.Database, schema: string) =>
    Object.fromEntries(
      Object.entries(NEW_COLUMNS_SQL).map(([table, sql]) => [
        table,
        db.prepare(sql.replace(/FROM (\w+)/, `FROM ${schema}.$1`)).all(),
      ]),
    );

  it('are made row for row alike by the fold and by SQLite from the log, and a rebuild digests as the live fold', async () => {
    await seed();
    const { store, readModels, dir } = ledger;
    const live = await foldLive(store, readModels);
    const folded = readModels.read((db) => rowsOf(db, 'figures'));

    const target = join(dir, 'row-facts.sqlite');
    const bulk = new BulkLoad({ figures: target });
    bulk.loadRowFactsFromSqliteLog(store.file, await store.headPosition());
    bulk.close();
    const made = new Database(target, { readonly: true });
    try {
      expect(rowsOf(made, 'main')).toEqual(folded);
    } finally {
      made.close();
    }
    expect(folded.interventions).toEqual([
      { intervention_id: 'int-1', pathway: 'urgent care', lens_economic: 1, lens_social: 0, lens_strategic: 1 },
      { intervention_id: 'int-2', pathway: null, lens_economic: 1, lens_social: 1, lens_strategic: 0 },
      { intervention_id: 'int-3', pathway: null, lens_economic: 0, lens_social: 0, lens_strategic: 0 },
      { intervention_id: 'int-4', pathway: null, lens_economic: 0, lens_social: 0, lens_strategic: 0 },
      { intervention_id: 'int-5', pathway: null, lens_economic: 0, lens_social: 0, lens_strategic: 1 },
    ]);
    expect(folded.intervention_decisions.map((r) => (r as { decision: string }).decision)).toEqual([
      'approve',
      'start',
      'scale',
    ]);
    expect(
      folded.benefits.map((r) => {
        const b = r as { benefit_id: string; value_pence: number | null; t: string };
        return [b.benefit_id, b.value_pence, b.t];
      }),
    ).toEqual([
      ['b-1', 3_000_000, 'integer'],
      ['b-2', 70_000, 'integer'],
      ['b-3', null, 'null'],
    ]);
    expect(folded.benefit_revisions.map((r) => (r as { value_pence: number }).value_pence)).toEqual([60_000, 55_000]);
    expect(
      folded.benefit_decisions.map((r) => {
        const d = r as { decision: string; note: string | null };
        return [d.decision, d.note];
      }),
    ).toEqual([
      ['validated', 'checked against ledger'],
      ['rejected', 'not evidenced'],
      ['validated', null],
    ]);

    const rebuilt = await rebuildReadModels(store, ledger.openReadModels('rebuilt.sqlite'));
    expect(rebuilt.digest).toBe(live);
  });

  it('read a lens written twice as JSON.parse does (its last copy), whichever way they are made', async () => {
    const altered = await seed();
    const asWritten = (await rebuildReadModels(ledger.store, ledger.openReadModels('as-written.sqlite'))).digest;
    // a copy of the log whose int-1 registration says economic twice, false first: JSON.parse (and the hash) read true
    const db = new Database(ledger.store.file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const copy = join(ledger.dir, 'altered.sqlite');
    copyFileSync(ledger.store.file, copy);
    const raw = new Database(copy);
    const data = raw.prepare('SELECT data FROM events WHERE position = ?').pluck().get(altered) as string;
    const forged = data.replace('"lenses":{', '"lenses":{"economic":false,');
    expect(forged).not.toBe(data);
    raw.prepare('UPDATE events SET data = ? WHERE position = ?').run(forged, altered);
    expect(raw.prepare("SELECT data ->> '$.lenses.economic' FROM events WHERE position = ?").pluck().get(altered)).toBe(
      0,
    );
    raw.close();

    const store = new SqliteEventStore(copy);
    try {
      const rebuiltModels = ledger.openReadModels('rebuilt.sqlite');
      expect((await rebuildReadModels(store, rebuiltModels)).digest).toBe(asWritten);
      expect(
        rebuiltModels.read((d) =>
          d.prepare("SELECT lens_economic FROM interventions WHERE intervention_id = 'int-1'").pluck().get(),
        ),
      ).toBe(1);
      expect(await foldLive(store, ledger.openReadModels('live.sqlite'))).toBe(asWritten);
    } finally {
      await store.close();
    }
  });

  it('answer the lists alike from the live fold and from a rebuild, at any cutoff', async () => {
    await seed();
    const { store, readModels } = ledger;
    await foldLive(store, readModels);
    const rebuiltModels = ledger.openReadModels('rebuilt.sqlite');
    await rebuildReadModels(store, rebuiltModels);
    const head = await store.headPosition();
    const log = await readLog(store);
    for (const upTo of [0, log.findIndex((e) => e.type === 'BenefitRevised') + 1, head]) {
      const answers = (models: ReadModelStore) => {
        const lists = new ReadModelLists(models);
        const cutoff = { asAt: null, upTo };
        return {
          interventions: lists.interventions({
            cutoff,
            financialYear: null,
            leadOrganisationId: null,
            status: null,
            lens: null,
            text: null,
            sort: 'claimed',
            order: 'desc',
            offset: 0,
            limit: 500,
          }),
          benefits: lists.benefits({
            cutoff,
            organisationId: null,
            interventionId: null,
            status: null,
            financialYear: null,
            order: 'asc',
            offset: 0,
            limit: 500,
          }),
        };
      };
      expect(answers(rebuiltModels)).toEqual(answers(readModels));
    }
    const lists = new ReadModelLists(readModels);
    const whole = lists.benefits({
      cutoff: { asAt: null, upTo: head },
      organisationId: null,
      interventionId: null,
      status: null,
      financialYear: null,
      order: 'asc',
      offset: 0,
      limit: 500,
    });
    expect(whole.items.map((b) => [b.benefitId, b.status, b.valuePence, b.revised])).toEqual([
      ['b-1', 'validated', 3_000_000, false],
      ['b-2', 'rejected', 55_000, true],
      ['b-3', 'validated', null, false],
    ]);
  });
});
