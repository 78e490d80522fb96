import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  BulkLoad,
  DerivedReadModels,
  FACT_FREE_TYPES,
  NO_RECORDED_INVESTMENT,
  ROW_FACT_TABLES,
  ROW_FACT_TYPES,
  ReadModelTable,
  ProjectionLagError,
  Projector,
  READ_MODEL_LAYOUT,
  READ_MODEL_TABLES,
  READ_MODEL_TABLE_NAMES,
  ReadModelQueries,
  ReadModelStore,
  combineDigest,
  figureFactsOf,
  provenanceFileOf,
  rebuildReadModels,
  tablesIn,
} from '../src';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { FlowPartsJob, FlowPartsJobs, rebuildProvenance } from '../src/rebuild/provenance-rebuild';
import { REALISATION_INPUTS } from '../src/benefit-realisations';
import { LedgerWriter, TempLedger, interventionStream, readLog, tempLedger } from '@benefit-ledger/testing';

/**
 * The read-model store and the projector, by example, on real SQLite files: batches are all or nothing,
 * redelivery is harmless, the digest identifies the read models however they were built, as-at answers are
 * reproducible, and caughtUp() gives read-your-writes.
 */

const ACUTE = 'acute-a';
const COMMUNITY = 'community-b';

async function seedOrganisations(writer: LedgerWriter): Promise<void> {
  await writer.organisation(ACUTE, { type: 'acute-trust' });
  await writer.organisation(COMMUNITY, { type: 'community-trust' });
}

/** One intervention with a cost and a validated benefit landing elsewhere (4 events). */
async function seedIntervention(writer: LedgerWriter): Promise<void> {
  await writer.intervention('int-1', ACUTE);
  await writer.cost('int-1', {
    costId: 'c-1',
    amountPence: 100_000,
    financialYear: '2024/25',
    bearerOrganisationId: ACUTE,
  });
  await writer.claim('int-1', {
    benefitId: 'b-1',
    valuePence: 3_000_000,
    financialYear: '2024/25',
    landingOrganisationId: COMMUNITY,
  });
  await writer.validate('int-1', 'b-1', 2_500_000, COMMUNITY);
}

/** Two organisations, one intervention with a cost and a validated benefit landing elsewhere (6 events). */
async function seed(writer: LedgerWriter): Promise<void> {
  await seedOrganisations(writer);
  await seedIntervention(writer);
}

/** Rows per read-model table (and both files' checkpoints), straight from a connection of its own to both files. */
function snapshot(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    db.prepare('ATTACH DATABASE ? AS provenance').run(provenanceFileOf(file));
    const counts = Object.fromEntries(
      READ_MODEL_TABLE_NAMES.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]),
    );
    const position = (schema: string) =>
      (db.prepare(`SELECT position FROM ${schema}.checkpoint WHERE id = 1`).get() as { position: number }).position;
    const checkpoint = { figures: position('main'), provenance: position('provenance') };
    return { checkpoint, counts };
  } finally {
    db.close();
  }
}

/** Rows of any table that came from events after `position`. */
function rowsAfter(readModels: ReadModelStore, position: number): Record<string, number> {
  return readModels.read((db) =>
    Object.fromEntries(
      READ_MODEL_TABLE_NAMES.filter((t) => READ_MODEL_TABLES[t].columns.some((c) => c.startsWith('position '))).map(
        (t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE position > ?`).get(position) as { n: number }).n],
      ),
    ),
  );
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const noRows = (counts: Record<string, number>) => Object.fromEntries(Object.keys(counts).map((t) => [t, 0]));

describe('ReadModelStore', () => {
  let ledger: TempLedger;
  beforeEach(() => {
    ledger = tempLedger();
  });
  afterEach(() => ledger.close());

  describe('(a) a batch is applied all or nothing', () => {
    it('a later event of the batch failing (second InterventionRegistered: PRIMARY KEY in interventions) leaves no row of any of its events, and the checkpoint where it was', async () => {
      const { writer, store, readModels } = ledger;
      await writer.organisation(ACUTE);
      await writer.organisation(COMMUNITY);
      const before = await readLog(store);
      readModels.apply(before);
      const checkpoint = readModels.checkpoint();
      expect(checkpoint).toBe(before[1].position);
      const digestBefore = readModels.digest();
      const snapshotBefore = snapshot(readModels.file);

      await writer.intervention('int-1', ACUTE);
      await writer.cost('int-1', {
        costId: 'c-1',
        amountPence: 100_000,
        financialYear: '2024/25',
        bearerOrganisationId: ACUTE,
      });
      await writer.claim('int-1', {
        benefitId: 'b-1',
        valuePence: 3_000_000,
        financialYear: '2024/25',
        landingOrganisationId: COMMUNITY,
      });
      await writer.validate('int-1', 'b-1', 2_500_000, COMMUNITY);
      // the decider would refuse this; appended straight through the port, it reaches the projection
      await writer.append(
        interventionStream('int-1'),
        'InterventionRegistered',
        {
          interventionId: 'int-1',
          title: 'Registered twice',
          leadOrganisationId: ACUTE,
          pathway: null,
          method: null,
          lenses: { economic: true, social: false, strategic: false },
          strategicPriorities: [],
        },
        { userId: `contributor@${ACUTE}`, organisationId: ACUTE, role: 'contributor' },
        'any',
      );
      const batch = await readLog(store).then((all) => all.filter((e) => e.position > checkpoint));
      expect(batch.map((e) => e.type)).toEqual([
        'InterventionRegistered',
        'CostRecorded',
        'BenefitClaimed',
        'BenefitValidated',
        'InterventionRegistered',
      ]);

      expect(() => readModels.apply(batch)).toThrow(/UNIQUE|PRIMARY KEY|constraint/i);

      expect(readModels.checkpoint()).toBe(checkpoint);
      const after = rowsAfter(readModels, checkpoint);
      expect(Object.keys(after)).toEqual(
        expect.arrayContaining(['events_seen', 'interventions', 'costs', 'benefits', 'benefit_decisions']),
      );
      expect(after).toEqual(noRows(after));
      expect(readModels.read((db) => db.prepare('SELECT COUNT(*) AS n FROM interventions').get())).toEqual({ n: 0 });
      expect(readModels.digest()).toBe(digestBefore);
      // nor does another connection to the file see any of it
      expect(snapshot(readModels.file)).toEqual(snapshotBefore);
      // and the queries answer as before the batch
      const queries = new ReadModelQueries(readModels);
      const flows = queries.systemFlows({ financialYear: null, cutoff: queries.cutoff(null) });
      expect(flows.totals.validatedPence.pence).toBe(0);
      expect(flows.links).toEqual([]);

      // the events before the bad one apply on their own, all together
      readModels.apply(batch.slice(0, 4));
      expect(readModels.checkpoint()).toBe(batch[3].position);
      expect(rowsAfter(readModels, checkpoint)).toMatchObject({
        events_seen: 4,
        interventions: 1,
        costs: 1,
        benefits: 1,
        benefit_decisions: 1,
        validated_benefits: 1,
      });
      expect(total(rowsAfter(readModels, checkpoint))).toBe(9);
      expect(
        queries.systemFlows({ financialYear: null, cutoff: queries.cutoff(null) }).totals.validatedPence.pence,
      ).toBe(2_500_000);
    });

    it('the live projector stops on the failing event and caughtUp() then refuses, rather than answering from a half-applied log', async () => {
      const { writer, store, readModels } = ledger;
      await seed(writer);
      await writer.append(
        interventionStream('int-1'),
        'InterventionRegistered',
        {
          interventionId: 'int-1',
          title: 'Registered twice',
          leadOrganisationId: ACUTE,
          pathway: null,
          method: null,
          lenses: { economic: true, social: false, strategic: false },
          strategicPriorities: [],
        },
        { userId: `contributor@${ACUTE}`, organisationId: ACUTE, role: 'contributor' },
        'any',
      );
      const log = await readLog(store);
      const projector = new Projector(store, readModels, () => store.headPosition());
      projector.start();
      try {
        await expect(projector.caughtUp(5_000)).rejects.toBeInstanceOf(ProjectionLagError);
        // every event before the bad one was applied; the bad one was not
        expect(readModels.checkpoint()).toBe(log[log.length - 2].position);
        const after = rowsAfter(readModels, log[log.length - 2].position);
        expect(after).toEqual(noRows(after));
        expect(total(rowsAfter(readModels, 0))).toBeGreaterThan(0);
      } finally {
        await projector.stop();
      }
    });
  });

  describe('(b) at-least-once delivery', () => {
    it('re-applying events at or before the checkpoint changes nothing; a batch straddling it applies only the new events', async () => {
      const { writer, store, readModels } = ledger;
      await seed(writer);
      const log = await readLog(store);
      readModels.apply(log);
      const checkpoint = readModels.checkpoint();
      const digest = readModels.digest();
      const snap = snapshot(readModels.file);

      readModels.apply(log);
      readModels.apply(log.slice(2, 4));
      readModels.apply([log[log.length - 1]]);
      expect(readModels.checkpoint()).toBe(checkpoint);
      expect(readModels.digest()).toBe(digest);
      expect(snapshot(readModels.file)).toEqual(snap);

      await writer.claim('int-1', {
        benefitId: 'b-2',
        valuePence: 40_000,
        financialYear: '2024/25',
        landingOrganisationId: ACUTE,
        benefitType: 'cash-releasing',
      });
      await writer.validate('int-1', 'b-2', 40_000, ACUTE);
      const longer = await readLog(store);
      readModels.apply(longer.slice(3)); // three already applied, two new
      expect(readModels.checkpoint()).toBe(longer[longer.length - 1].position);
      expect(snapshot(readModels.file).counts.events_seen).toBe(longer.length);

      const rebuilt = ledger.openReadModels('rebuilt.sqlite');
      expect((await rebuildReadModels(store, rebuilt)).digest).toBe(readModels.digest());
    });
  });

  describe('(c) digest', () => {
    it('two rebuilds of the same log give the same digest, whatever the batch size and however often', async () => {
      const { writer, store, readModels } = ledger;
      await seed(writer);
      const first = await rebuildReadModels(store, readModels);
      const second = await rebuildReadModels(store, readModels, { batchSize: 1 });
      const other = ledger.openReadModels('other.sqlite');
      const third = await rebuildReadModels(store, other, { batchSize: 4 });
      expect(first.events).toBe(6);
      expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(second.digest).toBe(first.digest);
      expect(third.digest).toBe(first.digest);
      expect(other.digest()).toBe(first.digest);
    });

    it('a live Projector and a rebuild give the same digest; the digest changes when an event is added', async () => {
      const { writer, store, readModels } = ledger;
      await seedOrganisations(writer); // already in the log when the projector starts: caught up
      const projector = new Projector(store, readModels, () => store.headPosition());
      projector.start();
      try {
        await seedIntervention(writer); // appended while it runs: live
        await projector.caughtUp();
        const rebuilt = ledger.openReadModels('rebuilt.sqlite');
        const first = await rebuildReadModels(store, rebuilt);
        expect(first.events).toBe(6);
        expect(readModels.checkpoint()).toBe(rebuilt.checkpoint());
        expect(readModels.digest()).toBe(first.digest);

        await writer.reject('int-1', 'b-1', COMMUNITY);
        await projector.caughtUp();
        const second = await rebuildReadModels(store, rebuilt);
        expect(second.digest).not.toBe(first.digest);
        expect(readModels.digest()).not.toBe(first.digest);
        expect(readModels.digest()).toBe(second.digest);
      } finally {
        await projector.stop();
      }
    });

    it('the digest covers the rows, not only the checkpoint: same positions with different data give different digests', async () => {
      const a = tempLedger();
      const b = tempLedger();
      try {
        await seed(a.writer);
        await seedOrganisations(b.writer);
        await b.writer.intervention('int-1', ACUTE);
        await b.writer.cost('int-1', {
          costId: 'c-1',
          amountPence: 100_001,
          financialYear: '2024/25',
          bearerOrganisationId: ACUTE,
        });
        await b.writer.claim('int-1', {
          benefitId: 'b-1',
          valuePence: 3_000_000,
          financialYear: '2024/25',
          landingOrganisationId: COMMUNITY,
        });
        await b.writer.validate('int-1', 'b-1', 2_500_000, COMMUNITY);
        const da = await rebuildReadModels(a.store, a.readModels);
        const db = await rebuildReadModels(b.store, b.readModels);
        expect(a.readModels.checkpoint()).toBe(b.readModels.checkpoint());
        expect(da.digest).not.toBe(db.digest);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  describe('(d) as at', () => {
    const T = {
      claim: '2024-06-01T09:00:00.000Z',
      beforeValidation: '2024-06-15T12:00:00.000Z',
      validation: '2024-07-01T09:00:00.000Z',
      afterValidation: '2024-07-01T09:00:00.001Z',
      cost: '2024-08-01T09:00:00.000Z',
      afterCost: '2024-09-01T00:00:00.000Z',
    };

    async function seedAtInstants(writer: LedgerWriter) {
      writer.setClock('2024-05-01T09:00:00.000Z');
      await seedOrganisations(writer);
      await writer.intervention('int-1', ACUTE);
      writer.setClock(T.claim);
      await writer.claim('int-1', {
        benefitId: 'b-1',
        valuePence: 3_000_000,
        financialYear: '2024/25',
        landingOrganisationId: COMMUNITY,
      });
      writer.setClock(T.validation);
      await writer.validate('int-1', 'b-1', 2_500_000, COMMUNITY);
      writer.setClock(T.cost);
      await writer.cost('int-1', {
        costId: 'c-1',
        amountPence: 100_000,
        financialYear: '2024/25',
        bearerOrganisationId: ACUTE,
      });
    }

    it('answers from the events recorded up to the instant: a validation is absent before it and present from it on', async () => {
      const { writer, store, readModels } = ledger;
      await seedAtInstants(writer);
      await rebuildReadModels(store, readModels);
      const q = new ReadModelQueries(readModels);
      const flowsAt = (asAt: string) => q.systemFlows({ financialYear: '2024/25', cutoff: q.cutoff(asAt) });

      const before = flowsAt(T.beforeValidation);
      expect(before.asAt).toBe(T.beforeValidation);
      expect(before.totals.validatedPence.pence).toBe(0);
      expect(before.links).toEqual([]);
      expect(flowsAt(T.claim).totals.validatedPence.pence).toBe(0);

      // recorded exactly at the instant counts; no cost known yet, so it flows from no recorded investment
      for (const asAt of [T.validation, T.afterValidation]) {
        const at = flowsAt(asAt);
        expect(at.totals.validatedPence.pence).toBe(2_500_000);
        expect(at.links.map((l) => [l.from, l.to, l.valuePence])).toEqual([
          [NO_RECORDED_INVESTMENT, COMMUNITY, 2_500_000],
        ]);
      }
      // once the cost is known, the same value flows from its bearer
      expect(flowsAt(T.afterCost).links.map((l) => [l.from, l.to, l.valuePence])).toEqual([
        [ACUTE, COMMUNITY, 2_500_000],
      ]);

      const ovBefore = q.organisationValue({
        organisationId: COMMUNITY,
        financialYear: null,
        cutoff: q.cutoff(T.beforeValidation),
      });
      const ovAfter = q.organisationValue({
        organisationId: COMMUNITY,
        financialYear: null,
        cutoff: q.cutoff(T.afterValidation),
      });
      expect(ovBefore.landedHere.totalPence.pence).toBe(0);
      expect(ovAfter.landedHere.totalPence.pence).toBe(2_500_000);
      // and a trace of the as-at figure rests on the claim and the validation only
      const trace = q.trace(q.decode(flowsAt(T.afterValidation).totals.validatedPence.ref));
      expect(trace.figure.value).toBe(2_500_000);
      expect(trace.events.map((e) => [e.type, e.recordedAt])).toEqual([
        ['BenefitClaimed', T.claim],
        ['BenefitValidated', T.validation],
      ]);
    });

    it('the same question twice gives deep-equal and byte-identical answers, and still does after more events arrive', async () => {
      const { writer, store, readModels } = ledger;
      await seedAtInstants(writer);
      await rebuildReadModels(store, readModels);
      const q = new ReadModelQueries(readModels);
      const ask = () => ({
        flows: q.systemFlows({ financialYear: '2024/25', cutoff: q.cutoff(T.afterValidation) }),
        acute: q.organisationValue({ organisationId: ACUTE, financialYear: '2024/25', cutoff: q.cutoff(T.afterCost) }),
        community: q.organisationValue({
          organisationId: COMMUNITY,
          financialYear: null,
          cutoff: q.cutoff(T.afterValidation),
        }),
      });
      const first = ask();
      const second = ask();
      expect(second).toEqual(first);
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      expect(first.acute.investedPence.pence).toBe(100_000);
      expect(first.acute.investmentLanded.elsewherePence.pence).toBe(2_500_000);

      // later events, recorded after every instant asked about, do not change the answers
      writer.setClock('2024-10-01T09:00:00.000Z');
      await writer.claim('int-1', {
        benefitId: 'b-2',
        valuePence: 70_000,
        financialYear: '2024/25',
        landingOrganisationId: COMMUNITY,
      });
      await writer.validate('int-1', 'b-2', 70_000, COMMUNITY);
      await writer.cost('int-1', {
        costId: 'c-2',
        amountPence: 900_000,
        financialYear: '2024/25',
        bearerOrganisationId: COMMUNITY,
      });
      await rebuildReadModels(store, readModels);
      const later = ask();
      expect(JSON.stringify(later)).toBe(JSON.stringify(first));
      // while the present has moved on
      const now = q.systemFlows({ financialYear: '2024/25', cutoff: q.cutoff(null) });
      expect(now.totals.validatedPence.pence).toBe(2_570_000);
      expect(now.links.map((l) => l.from)).toEqual([ACUTE, COMMUNITY]);
    });

    it('without asAt, a figure reference is pinned to the log position it was read at, so its trace still shows the same figure later', async () => {
      const { writer, store, readModels } = ledger;
      await seed(writer);
      await rebuildReadModels(store, readModels);
      const q = new ReadModelQueries(readModels);
      const then = q.systemFlows({ financialYear: null, cutoff: q.cutoff(null) });
      expect(then.upToPosition).toBe(6);
      await writer.claim('int-1', {
        benefitId: 'b-2',
        valuePence: 70_000,
        financialYear: '2024/25',
        landingOrganisationId: COMMUNITY,
      });
      await writer.validate('int-1', 'b-2', 70_000, COMMUNITY);
      await rebuildReadModels(store, readModels);
      const trace = q.trace(q.decode(then.totals.validatedPence.ref));
      expect(trace.figure.value).toBe(2_500_000);
      expect(q.systemFlows({ financialYear: null, cutoff: q.cutoff(null) }).totals.validatedPence.pence).toBe(
        2_570_000,
      );
    });
  });

  describe('(e) Projector.caughtUp()', () => {
    it('stopped, waits for a live projector; stopped with catchUpWhenStopped (a CLI process), applies the log itself', async () => {
      const { writer, store, readModels } = ledger;
      await seed(writer);
      const waiting = new Projector(store, readModels, () => store.headPosition());
      await expect(waiting.caughtUp(50)).rejects.toBeInstanceOf(ProjectionLagError);
      expect(readModels.checkpoint()).toBe(0);
      const inPlace = new Projector(store, readModels, () => store.headPosition(), { catchUpWhenStopped: true });
      await inPlace.caughtUp();
      expect(readModels.checkpoint()).toBe(await store.headPosition());
      const q = new ReadModelQueries(readModels);
      expect(q.systemFlows({ financialYear: null, cutoff: q.cutoff(null) }).totals.validatedPence.pence).toBe(
        2_500_000,
      );
    });

    it('resolves only once the events appended before the call are applied, so the next query sees them', async () => {
      const { writer, store, readModels } = ledger;
      const projector = new Projector(store, readModels, () => store.headPosition());
      projector.start();
      try {
        await projector.caughtUp();
        expect(readModels.checkpoint()).toBe(0);
        const q = new ReadModelQueries(readModels);
        await seed(writer);
        await projector.caughtUp();
        expect(readModels.checkpoint()).toBe(await store.headPosition());
        expect(q.systemFlows({ financialYear: null, cutoff: q.cutoff(null) }).totals.validatedPence.pence).toBe(
          2_500_000,
        );

        // an append is acknowledged before the projector has had a turn of the event loop (it applies what it is
        // delivered from a setImmediate): at the moment caughtUp() is called, the read models are behind the log, and it must wait
        await writer.claim('int-1', {
          benefitId: 'b-2',
          valuePence: 70_000,
          financialYear: '2024/25',
          landingOrganisationId: COMMUNITY,
        });
        const validated = writer.validate('int-1', 'b-2', 70_000, COMMUNITY);
        await validated; // acknowledged: read-your-writes covers it from here
        const head = store.headPositionNow();
        expect(readModels.checkpoint()).toBeLessThan(head);
        const caught = projector.caughtUp();
        await caught;
        expect(readModels.checkpoint()).toBeGreaterThanOrEqual(head);
        expect(q.systemFlows({ financialYear: null, cutoff: q.cutoff(null) }).totals.validatedPence.pence).toBe(
          2_570_000,
        );
        await validated;

        // the same with a run of appends: each one read back at once after caughtUp()
        for (let i = 0; i < 4; i++) {
          const claimed = writer.claim('int-1', {
            benefitId: `run-${i}`,
            valuePence: 1_000 + i,
            financialYear: '2024/25',
            landingOrganisationId: ACUTE,
          });
          await projector.caughtUp();
          await claimed;
          await writer.validate('int-1', `run-${i}`, 1_000 + i, ACUTE);
          await projector.caughtUp();
          const ov = q.organisationValue({ organisationId: ACUTE, financialYear: '2024/25', cutoff: q.cutoff(null) });
          expect(ov.landedHere.totalPence.pence).toBe(
            Array.from({ length: i + 1 }, (_, k) => 1_000 + k).reduce((a, b) => a + b, 0),
          );
        }
      } finally {
        await projector.stop();
      }
    });
  });

  describe('(f) the provenance a rebuild has SQLite make from the log file', () => {
    it('is row for row what live catch-up makes, clocks out of order and data sources of every shape included', async () => {
      const { writer, store, readModels, dir } = ledger;
      await seed(writer);
      const actor = { userId: `contributor@${ACUTE}`, organisationId: ACUTE, role: 'contributor' };
      // a racing append recorded a moment before the event ahead of it: known_at must not go back
      writer.setClock('2024-04-01T08:00:00.000Z');
      await writer.append(
        interventionStream('int-1'),
        'MeasurementRecorded',
        { measurementId: 'm-early', source: { system: 'PAS', reference: "r'1", extractedOn: '2024-04-01' } },
        actor,
      );
      writer.setClock('2024-06-01T09:00:00.000Z');
      for (const [i, source] of [
        null,
        'a bare string',
        42,
        { nested: { deep: [1, 2.5, 'x', null, true] }, unicode: 'Leeds £ – é' },
      ].entries()) {
        await writer.append(
          interventionStream('int-1'),
          'MeasurementRecorded',
          { measurementId: `m-${i}`, source },
          actor,
        );
      }
      await writer.append(
        interventionStream('int-1'),
        'InterventionDecisionRecorded',
        { decision: 'approve', rationale: 'no source at all', decidedOn: '2024-06-01' },
        actor,
      );
      readModels.apply(await readLog(store));
      const live = readModels.read((db) => db.prepare('SELECT * FROM events_seen ORDER BY position').all());

      const target = join(dir, 'provenance-from-log.sqlite');
      const bulk = new BulkLoad({ provenance: target });
      const head = await store.headPosition();
      expect(bulk.loadProvenanceFromSqliteLog(store.file, head)).toBe(live.length);
      bulk.indexEventTables(head);
      const digests = bulk.digests(['events_seen']);
      bulk.close();
      const made = new Database(target, { readonly: true });
      try {
        expect(made.prepare('SELECT * FROM events_seen ORDER BY position').all()).toEqual(live);
      } finally {
        made.close();
      }
      // the event recorded before the one ahead of it is known from that one's instant: known_at never goes back
      const rows = live as { position: number; recorded_at: string; known_at: string }[];
      const early = rows.findIndex((r) => r.recorded_at === '2024-04-01T08:00:00.000Z');
      expect(rows[early].known_at).toBe(rows[early - 1].known_at);
      expect(rows[early].known_at > rows[early].recorded_at).toBe(true);
      expect(rows.every((r, i) => i === 0 || r.known_at >= rows[i - 1].known_at)).toBe(true);
      expect(digests.events_seen).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('(g) a rebuild shared with a worker thread (its two sides run here in turn, on one thread)', () => {
    it('takes the flow-parts task up between slices of the provenance digest, and gives the read models a rebuild on one thread gives', async () => {
      const { writer, store, readModels, dir } = ledger;
      await seed(writer);
      // a second bearer's cost after the validation: b-1's split has two versions
      await writer.cost('int-1', {
        costId: 'c-2',
        amountPence: 300_000,
        financialYear: '2024/25',
        bearerOrganisationId: COMMUNITY,
      });
      // more provenance rows than one slice of a digest (16,384), appended in bulk
      const actor = { userId: `contributor@${ACUTE}`, organisationId: ACUTE, role: 'contributor' };
      for (let batch = 0; batch < 17; batch++) {
        const recordedAt = `2024-05-${String(batch + 1).padStart(2, '0')}T09:00:00.000Z`;
        await store.append(
          interventionStream('int-1'),
          Array.from({ length: 1000 }, (_, i) => ({
            eventId: randomUUID(),
            type: 'MeasurementRecorded',
            data: { measurementId: `m-${batch}-${i}`, source: { system: 'PAS', reference: `x-${i}` } },
            metadata: { recordedAt, actor, correlationId: `c-${batch}`, causationId: `c-${batch}`, schemaVersion: 1 },
          })),
          'any',
        );
      }
      const oneThread = await rebuildReadModels(store, readModels); // under jest there is no compiled worker: both files in turn
      const log = await readLog(store);
      const head = await store.headPosition();

      // the main thread's side, up to handing over what flow_parts and benefit_realisations are derived from
      const figures = join(dir, 'shared.sqlite');
      const staging = `${figures}.flow-parts`;
      const bulk = new BulkLoad({ figures });
      const sources: readonly ReadModelTable[] = [...DerivedReadModels.SOURCES, ...REALISATION_INPUTS];
      bulk.loadRowFactsFromSqliteLog(
        store.file,
        head,
        ROW_FACT_TABLES.filter((t) => sources.includes(t)),
      );
      bulk.indexTables(sources);
      bulk.buildDerived(['validated_benefits']);
      bulk.exportDerivationInputs(staging);
      // the worker's side: a test double of the message port, handing the task over at the second poll, which is
      // the first slice of the provenance digest (the first poll comes straight after the provenance statement)
      const port = { polls: 0, waits: 0 };
      const jobs: FlowPartsJobs = {
        poll: (): FlowPartsJob | undefined => (++port.polls === 2 ? { staging } : undefined),
        next: () => {
          port.waits += 1;
          return Promise.reject(new Error('the task was waiting; nothing should wait for it'));
        },
      };
      let stagedAtPoll = 0;
      const theirs = await rebuildProvenance(
        { ledgerFile: store.file, target: provenanceFileOf(figures), upTo: head },
        jobs,
        () => {
          stagedAtPoll = port.polls;
        },
      );
      expect(stagedAtPoll).toBe(2); // taken up from inside the provenance digest, which then carried on to its end
      expect(port.waits).toBe(0);
      expect(theirs.events).toBe(log.length);
      expect(Object.keys(theirs.digests)).toEqual(['events_seen']);
      // the main thread's side, to the end: the other row facts, then the fold of the events SQLite did not take
      bulk.loadRowFactsFromSqliteLog(
        store.file,
        head,
        ROW_FACT_TABLES.filter((t) => !sources.includes(t)),
      );
      bulk.apply(log.filter((e) => !FACT_FREE_TYPES.includes(e.type) && !ROW_FACT_TYPES.includes(e.type)));
      bulk.indexEventTables(head, true);
      const mine = bulk.digests(tablesIn('figures').filter((t) => t !== 'flow_parts'));
      bulk.copyDerivedFrom(staging);
      Object.assign(mine, bulk.digests(['flow_parts']));
      bulk.close();

      const shared = combineDigest({ figures: head, provenance: head }, { ...mine, ...theirs.digests });
      expect(shared).toBe(oneThread.digest);
      const opened = ledger.openReadModels('shared.sqlite');
      expect(opened.digest()).toBe(shared);
      expect(opened.read((db) => db.prepare('SELECT COUNT(*) AS n FROM flow_parts').get())).toEqual({ n: 3 });
    });
  });

  describe('(i) the row facts a rebuild has SQLite make from the log', () => {
    /** Every row of the row facts' tables with each value's SQL type, in position order. */
    const rowFactRows = (db: Database.Database, schema = 'main') =>
      Object.fromEntries(
        ROW_FACT_TABLES.map((table) => {
          const columns = READ_MODEL_TABLES[table].columns.map((c) => c.split(' ')[0]);
          const sql = `SELECT ${columns.map((c) => `${c}, typeof(${c}) AS ${c}_type`).join(', ')} FROM ${schema}.${table} ORDER BY position`;
          return [table, db.prepare(sql).all() as Record<string, unknown>[]];
        }),
      );

    it('are row for row, value and SQL type, what the fold makes: every row-fact type, fractional quantities, optional fields, quotes and non-ASCII', async () => {
      const { writer, store, readModels, dir } = ledger;
      await seed(writer);
      const actor = { userId: `contributor@${ACUTE}`, organisationId: ACUTE, role: 'contributor' };
      const on = interventionStream('int-2');
      await writer.append(
        on,
        'InterventionRegistered',
        { title: 'Nurse-led discharge: St John\'s £ – é "quoted"', leadOrganisationId: ACUTE },
        actor,
      );
      await writer.append(
        on,
        'CostRecorded',
        {
          costId: "c-'2",
          costType: 'staff time',
          amountPence: 123_456,
          financialYear: '2023/24',
          bearerOrganisationId: COMMUNITY,
        },
        actor,
      );
      await writer.append(
        on,
        'BenefitClaimed',
        {
          benefitId: 'b-2',
          benefitType: 'bed-days',
          lens: 'capacity',
          recurrence: 'recurrent',
          financialYear: '2023/24',
          landingOrganisationId: ACUTE,
          valuePence: 10,
        },
        actor,
      );
      await writer.append(on, 'BenefitRejected', { benefitId: 'b-2', reason: 'no baseline' }, actor);
      await writer.append(on, 'BenefitValidated', { benefitId: 'b-2', validatedValuePence: 9_007_199_254 }, actor);
      // 0.29 × 100, 0.57 × 100 and 4.35 × 100 are not whole in binary: both sides must round them alike
      for (const [i, quantity] of [0.29, 0.57, 4.35, 12, 0.01].entries()) {
        await writer.append(
          on,
          'CapacityReleased',
          {
            releaseId: `r-${i}`,
            benefitId: 'b-2',
            resource: 'bed-days',
            quantity,
            landingOrganisationId: ACUTE,
            financialYear: '2023/24',
          },
          actor,
        );
        await writer.append(
          on,
          'CapacityHarvested',
          { releaseId: `r-${i}`, harvest: i % 2 ? 'reinvest' : 'cash-release', quantity, rationale: 'x' },
          actor,
        );
      }
      await writer.append(on, 'CashReleased', { releaseId: 'r-0', amountPence: 4_321 }, actor);
      await writer.append(
        on,
        'CapacityReinvested',
        { releaseId: 'r-1', quantity: 0.57, into: { description: 'clinic', organisationId: ACUTE }, valuePence: 7_000 },
        actor,
      );
      await writer.append(
        on,
        'CapacityReinvested',
        { releaseId: 'r-1', quantity: 1.1, into: { description: 'clinic', organisationId: ACUTE }, valuePence: null },
        actor,
      );
      await writer.append(
        on,
        'CapacityReinvested',
        { releaseId: 'r-3', quantity: 2, into: { description: 'clinic', organisationId: ACUTE } },
        actor,
      );
      // the same types on other kinds of stream, and a prefix in another case, add no rows either way
      await writer.append(
        'partnership-p-1',
        'CostRecorded',
        { costId: 'stray', costType: 'x', amountPence: 1, financialYear: '2023/24', bearerOrganisationId: ACUTE },
        actor,
      );
      await writer.append(
        'Intervention-int-3',
        'BenefitValidated',
        { benefitId: 'stray', validatedValuePence: 1 },
        actor,
      );
      readModels.apply(await readLog(store));
      const folded = readModels.read((db) => rowFactRows(db, 'figures'));

      const target = join(dir, 'row-facts.sqlite');
      const bulk = new BulkLoad({ figures: target });
      bulk.loadRowFactsFromSqliteLog(store.file, await store.headPosition());
      bulk.close();
      const made = new Database(target, { readonly: true });
      try {
        expect(rowFactRows(made)).toEqual(folded);
      } finally {
        made.close();
      }
      expect(folded.capacity_releases.map((r) => r.quantity_h)).toEqual([29, 57, 435, 1200, 1]);
      expect(folded.capacity_movements.map((r) => [r.kind, r.quantity_h, r.amount_pence])).toEqual([
        ['cash-release', 29, 0],
        ['reinvest', 57, 0],
        ['cash-release', 435, 0],
        ['reinvest', 1200, 0],
        ['cash-release', 1, 0],
        // a reinvestment recording no value: null (it counts at the validated unit value in realised value)
        ['cash-released', 0, 4_321],
        ['reinvested', 57, 7_000],
        ['reinvested', 110, null],
        ['reinvested', 200, null],
      ]);
      expect(
        folded.benefit_decisions.map((r) => [r.decision, r.validated_value_pence, r.validated_value_pence_type]),
      ).toEqual([
        ['validated', 2_500_000, 'integer'],
        ['rejected', null, 'null'],
        ['validated', 9_007_199_254, 'integer'],
      ]);
      expect(folded.costs.map((r) => r.cost_id)).toEqual(['c-1', "c-'2"]);
    });

    it('their event types add no facts on any other kind of stream, so a rebuild that leaves them to SQLite need not fold them', () => {
      const otherStreams = [
        'organisation-acute-a',
        'partnership-p-1',
        'period-2023-24',
        'finance-report-acute-a-2023-24',
        'idempotency-x',
      ];
      for (const type of ROW_FACT_TYPES) {
        for (const streamId of otherStreams) {
          const event = {
            position: 1,
            eventId: 'e',
            streamId,
            revision: 0,
            type,
            data: { benefitId: 'b', quantity: 1 },
            metadata: {
              recordedAt: '2024-01-01T00:00:00.000Z',
              actor: { userId: 'u', organisationId: 'o', role: 'r' },
              correlationId: 'c',
              causationId: 'c',
              schemaVersion: 1,
              eventId: 'e',
              prevHash: '0',
              hash: 'h',
            },
          } as unknown as RecordedEvent;
          expect({ type, streamId, facts: figureFactsOf(event) }).toEqual({ type, streamId, facts: [] });
        }
      }
    });

    it('a bulk load refuses a fact for a table it has already completed and indexed, rather than leave the index behind', async () => {
      const { writer, store, dir } = ledger;
      await seed(writer);
      const bulk = new BulkLoad({ figures: join(dir, 'refusing.sqlite') });
      try {
        bulk.indexTables(['costs']);
        const cost = (await readLog(store)).find((e) => e.type === 'CostRecorded')!;
        expect(() => bulk.apply([cost])).toThrow(
          'a rebuild folded an event with a costs fact after that table was complete',
        );
      } finally {
        bulk.abandon();
      }
    });
  });

  describe('(h) the layout of the read-model files', () => {
    it('discards files written with another layout, and the projector fills new ones from the log', async () => {
      const { writer, store, dir } = ledger;
      await seed(writer);
      const file = join(dir, 'old-layout.sqlite');
      const old = new Database(file);
      old.exec(
        'CREATE TABLE checkpoint (id INTEGER PRIMARY KEY, position INTEGER NOT NULL); INSERT INTO checkpoint VALUES (1, 999)',
      );
      old.pragma('user_version = 1');
      old.close();
      const readModels = ledger.openReadModels('old-layout.sqlite');
      expect(readModels.checkpoint()).toBe(0);
      expect(readModels.db.pragma('figures.user_version', { simple: true })).toBe(READ_MODEL_LAYOUT);
      await rebuildReadModels(store, readModels);
      const queries = new ReadModelQueries(readModels);
      expect(
        queries.systemFlows({ financialYear: null, cutoff: queries.cutoff(null) }).totals.validatedPence.pence,
      ).toBe(2_500_000);
      // and a file of this layout is kept as it is
      readModels.close();
      expect(ledger.openReadModels('old-layout.sqlite').checkpoint()).toBe(await store.headPosition());
    });
  });
});
