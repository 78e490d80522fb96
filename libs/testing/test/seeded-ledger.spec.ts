import { ReadModelQueries, rebuildReadModels } from '@benefit-ledger/projections';
import { LedgerMonth, SeededLedger, TempLedger, readLog, tempLedger, writeSeededLedger } from '../src';

const SMALL = { events: 1_500, seed: 'seeded-ledger-spec', batchMonths: 3 };

const allMonths = (ledger: SeededLedger): LedgerMonth[] => [...ledger.months()];
const eventsOf = (months: LedgerMonth[]) => months.flatMap((m) => m.appends.flatMap((a) => a.events));

describe('SeededLedger: the same seed and size give the same ledger', () => {
  it('yields the same appends, ids and timestamps included, for the same options', () => {
    const first = allMonths(new SeededLedger(SMALL));
    const second = allMonths(new SeededLedger(SMALL));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('yields a different ledger for another seed', () => {
    const first = eventsOf(allMonths(new SeededLedger(SMALL)));
    const other = eventsOf(allMonths(new SeededLedger({ ...SMALL, seed: 'another seed' })));
    expect(other.map((e) => e.eventId)).not.toEqual(first.map((e) => e.eventId));
  });

  it('yields exactly the events it planned, at least as many as asked for, every month of 2019-04 .. 2024-03', () => {
    const ledger = new SeededLedger(SMALL);
    const months = allMonths(ledger);
    expect(eventsOf(months)).toHaveLength(ledger.plannedEvents);
    expect(ledger.plannedEvents).toBeGreaterThanOrEqual(SMALL.events);
    expect(months.map((m) => m.label)).toEqual(
      Array.from({ length: 60 }, (_, m) => new Date(Date.UTC(2019, 3 + m, 1)).toISOString().slice(0, 7)),
    );
  });

  it('keeps a bigger ledger of the same seed a superset: its organisations and partnerships are the same', () => {
    const small = new SeededLedger(SMALL);
    const bigger = new SeededLedger({ ...SMALL, events: 3_000 });
    expect(bigger.interventions).toBeGreaterThan(small.interventions);
    expect(bigger.world.organisations).toEqual(small.world.organisations);
    expect(bigger.world.partnerships.map((p) => p.partnershipId)).toEqual(
      small.world.partnerships.map((p) => p.partnershipId),
    );
  });
});

describe('writeSeededLedger through the real SQLite store', () => {
  let ledger: TempLedger;
  beforeAll(() => {
    ledger = tempLedger();
  });
  afterAll(() => ledger.close());

  it('appends every planned event with increasing recordedAt, and the read models show its validated total', async () => {
    const stats = await writeSeededLedger(ledger.store, SMALL);
    const log = await readLog(ledger.store);

    expect(log).toHaveLength(stats.events);
    expect(stats.events).toBe(new SeededLedger(SMALL).plannedEvents);
    expect(Object.values(stats.byType).reduce((n, count) => n + count, 0)).toBe(stats.events);
    expect(new Set(log.map((e) => e.streamId)).size).toBe(stats.streams);
    const recordedAt = log.map((e) => Date.parse(e.metadata.recordedAt));
    expect(recordedAt.every((at, i) => i === 0 || at > recordedAt[i - 1])).toBe(true);
    expect(log[0].metadata.recordedAt).toBe(stats.firstRecordedAt);
    expect(log[log.length - 1].metadata.recordedAt).toBe(stats.lastRecordedAt);
    // every business date an event names is on or before the instant it was recorded
    const datesAfterRecording = log.filter((e) => {
      const dates = [e.data.decidedOn, (e.data.source as { extractedOn?: string } | undefined)?.extractedOn];
      return dates.some((d) => typeof d === 'string' && d > e.metadata.recordedAt.slice(0, 10));
    });
    expect(datesAfterRecording).toEqual([]);

    await rebuildReadModels(ledger.store, ledger.readModels);
    const queries = new ReadModelQueries(ledger.readModels);
    const flows = queries.systemFlows({ financialYear: null, cutoff: queries.cutoff(null) });
    expect(stats.validatedPence).toBeGreaterThan(0);
    expect(flows.totals.validatedPence.pence).toBe(stats.validatedPence);
  });
});
