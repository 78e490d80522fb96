import { join } from 'node:path';
import fc from 'fast-check';
import { EventStore, EventToAppend, RecordedEvent, SqliteEventStore } from '@benefit-ledger/event-store';
import { LedgerWriter, TempLedger, plainEvent, readLog, tempLedger } from '@benefit-ledger/testing';
import { Projector, rebuildReadModels } from '../src';
import { CommitNoticeFeed } from '../src/commit-notice-feed';

/**
 * The live read models fed by the store's commit notices (commit-notice-feed.ts), on real SQLite files: what this
 * store commits is applied without reading it back from the log; whatever it was not told of (another store instance
 * on the same file, the log before the start) is read from the log; either way each event is applied once, in order,
 * and the read models are the ones a rebuild makes.
 */

const ACUTE = 'acute-a';
const COMMUNITY = 'community-b';

/** Counts the events the store really reads from its log (readAll), whoever asks. */
function countLogReads(store: EventStore): { events: number } {
  const count = { events: 0 };
  const readAll = store.readAll.bind(store);
  jest.spyOn(store, 'readAll').mockImplementation(async function* (options) {
    for await (const event of readAll(options)) {
      count.events += 1;
      yield event;
    }
  });
  return count;
}

async function someCommands(writer: LedgerWriter, interventionId: string, lead: string): Promise<void> {
  await writer.intervention(interventionId, lead);
  await writer.cost(interventionId, {
    costId: `${interventionId}-c1`,
    amountPence: 125_050,
    financialYear: '2024/25',
    bearerOrganisationId: lead,
  });
  await writer.claim(interventionId, {
    benefitId: `${interventionId}-b1`,
    valuePence: 3_000_001,
    financialYear: '2024/25',
    landingOrganisationId: COMMUNITY,
  });
  await writer.validate(interventionId, `${interventionId}-b1`, 2_500_003, COMMUNITY);
}

/** The read models a rebuild of the log makes, beside the live ones: the digests compare every row of every table. */
async function expectSameAsRebuild(ledger: TempLedger): Promise<void> {
  jest.restoreAllMocks();
  const rebuilt = ledger.openReadModels('rebuilt.sqlite');
  const { digest } = await rebuildReadModels(ledger.store, rebuilt);
  expect(ledger.readModels.checkpoint()).toBe(await ledger.store.headPosition());
  expect(ledger.readModels.checkpoint()).toBe(rebuilt.checkpoint());
  expect(ledger.readModels.digest()).toBe(digest);
}

describe('Projector fed by commit notices', () => {
  let ledger: TempLedger;
  let projector: Projector;
  beforeEach(async () => {
    ledger = tempLedger();
    await ledger.writer.organisation(ACUTE);
    await ledger.writer.organisation(COMMUNITY, { type: 'community-trust' });
    projector = new Projector(ledger.store, ledger.readModels, () => ledger.store.headPosition());
  });
  afterEach(async () => {
    await projector.stop();
    jest.restoreAllMocks();
    await ledger.close();
  });

  it('reads the log before the start, then applies what this store commits without reading any of it back', async () => {
    const reads = countLogReads(ledger.store);
    projector.start();
    await projector.caughtUp();
    expect(reads.events).toBe(2); // the two organisations, in the log before the start

    await someCommands(ledger.writer, 'int-1', ACUTE);
    // several appends in one group commit: one notice, one read-model transaction
    await Promise.all([
      ledger.writer.cost('int-1', {
        costId: 'c-2',
        amountPence: 1,
        financialYear: '2024/25',
        bearerOrganisationId: ACUTE,
      }),
      ledger.writer.organisation('acute-c'),
      ledger.writer.organisation('acute-d'),
    ]);
    await projector.caughtUp();
    expect(ledger.readModels.checkpoint()).toBe(9);
    expect(reads.events).toBe(2); // none of the seven live events was read from the log
    await expectSameAsRebuild(ledger);
  });

  it('catches up from the log when a second store on the same file appends in between, with the read models of a rebuild', async () => {
    const other = new SqliteEventStore(join(ledger.dir, 'ledger.sqlite'), { appendWorker: false });
    try {
      const otherWriter = new LedgerWriter(other, { startAt: '2024-05-01T09:00:00.000Z' });
      projector.start();
      await projector.caughtUp();
      const reads = countLogReads(ledger.store);

      await someCommands(ledger.writer, 'int-1', ACUTE); // positions 3-6, told
      await someCommands(otherWriter, 'int-2', COMMUNITY); // 7-10, not told to this store
      await ledger.writer.validate('int-1', 'int-1-b1', 2_400_000, COMMUNITY); // 11, told, after a gap
      await projector.caughtUp();
      expect(ledger.readModels.checkpoint()).toBe(11);
      // the gap and the notified event after it were read from the log; the four before it were not
      expect(reads.events).toBe(5);

      // the other store alone: nobody tells this one, its look at the log finds them
      await otherWriter.cost('int-2', {
        costId: 'c-9',
        amountPence: 7,
        financialYear: '2025/26',
        bearerOrganisationId: COMMUNITY,
      });
      await projector.caughtUp();
      expect(ledger.readModels.checkpoint()).toBe(12);
      expect(reads.events).toBe(6);
      await expectSameAsRebuild(ledger);
    } finally {
      await other.close();
    }
  });

  it('a restarted projector reads what was appended while it was stopped, then goes on from the notices', async () => {
    projector.start();
    await someCommands(ledger.writer, 'int-1', ACUTE);
    await projector.caughtUp();
    await projector.stop();
    await ledger.writer.organisation('acute-c'); // appended while stopped: position 7
    const reads = countLogReads(ledger.store);
    projector = new Projector(ledger.store, ledger.readModels, () => ledger.store.headPosition());
    projector.start();
    await projector.caughtUp();
    expect(reads.events).toBe(1);
    await someCommands(ledger.writer, 'int-2', COMMUNITY);
    await projector.caughtUp();
    expect(reads.events).toBe(1);
    await expectSameAsRebuild(ledger);
  });
});

/** One step of an interleaving: appends through this store (several at once: one group), through the other, a replay. */
type Step = { by: 'this' | 'other'; appends: number[] } | { by: 'replay' };

describe('CommitNoticeFeed', () => {
  it('hands on every event of the log once, in order, however appends by this store, another store and replays interleave', async () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        by: fc.constantFrom('this' as const, 'other' as const),
        appends: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
      }),
      fc.constant({ by: 'replay' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.array(step, { maxLength: 8 }), async (before, steps) => {
        const ledger = tempLedger();
        const other = new SqliteEventStore(join(ledger.dir, 'ledger.sqlite'), { appendWorker: false });
        const handed: RecordedEvent[] = [];
        let feed: CommitNoticeFeed | null = null;
        try {
          const told: [string, EventToAppend[]][] = [];
          const appendEach = (store: EventStore, sizes: number[]) =>
            sizes.map((size, index) => {
              const append: [string, EventToAppend[]] = [
                `thing-${index}`,
                Array.from({ length: size }, (_, n) => plainEvent('ThingHappened', { n, note: { z: 1, a: [2] } })),
              ];
              if (store === ledger.store) told.push(append);
              return store.append(...append, 'any');
            });
          for (let n = 0; n < before; n++) await Promise.all(appendEach(ledger.store, [1]));
          const failures: unknown[] = [];
          feed = new CommitNoticeFeed(
            ledger.store,
            0,
            (event) => handed.push(event),
            (error) => failures.push(error),
          );
          for (const next of steps) {
            if (next.by === 'replay') {
              // the last append again, in one group with a new one: a notice that says it wrote nothing
              const last = told.at(-1);
              await Promise.all([
                ...(last ? [ledger.store.append(...last, 'any')] : []),
                ...appendEach(ledger.store, [1]),
              ]);
            } else await Promise.all(appendEach(next.by === 'this' ? ledger.store : other, next.appends));
          }
          const head = await ledger.store.headPosition();
          for (let waited = 0; handed.length < head && waited < 2_000; waited += 20)
            await new Promise((r) => setTimeout(r, 20));
          expect(failures).toEqual([]);
          // each event of the log once, in order, equal to what a read of the log gives (positions, revisions, hashes, text)
          expect(handed).toEqual(await readLog(ledger.store));
        } finally {
          await feed?.stop();
          await other.close();
          await ledger.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
