import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Decider, DomainEvent, fold } from '@benefit-ledger/domain';
import { EventStore, EventToAppend, RecordedEvent, SqliteEventStore } from '@benefit-ledger/event-store';
import { FoldedStreamCache } from '../src/commands/folded-stream-cache';
import { StreamCommandRunner } from '../src/commands/stream-command-runner';
import { plainEvent } from '@benefit-ledger/testing';

/**
 * The cache of folded stream state, on real SQLite stores: it folds only what is new, sees appends made by another
 * process (another store on the same file), and drops an entry the log no longer bears out.
 */

type Added = DomainEvent<'Added', { amount: number }>;
/** The state is the list of amounts, so that any event lost, doubled or reordered shows. */
const ledger: Decider<{ amount: number }, Added, readonly number[]> = {
  initialState: [],
  decide: (command) => [{ type: 'Added', data: { amount: command.amount } }],
  evolve: (amounts, event) => [...amounts, event.data.amount],
};

const added = (amount: number): EventToAppend => plainEvent('Added', { amount });

/** The real store, counting the events its stream reads hand back (what a load costs). */
function counting(store: SqliteEventStore): { store: EventStore; eventsRead: () => number } {
  let read = 0;
  const tally = (events: RecordedEvent[]) => {
    read += events.length;
    return events;
  };
  const wrapped = Object.create(store) as EventStore;
  wrapped.readStream = async (streamId) => tally(await store.readStream(streamId));
  wrapped.readStreamFrom = async (streamId, from) => tally(await store.readStreamFrom(streamId, from));
  return { store: wrapped, eventsRead: () => read };
}

describe('FoldedStreamCache', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-folded-'));
    store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fullFold = async (from: EventStore, streamId: string) =>
    fold(ledger, (await from.readStream(streamId)) as unknown as Added[]);

  it('reads only what was appended since, however long the stream: 5,000 events cost what 5 do', async () => {
    const cache = new FoldedStreamCache();
    for (const [streamId, length] of [
      ['short', 5],
      ['long', 5_000],
    ] as const) {
      for (let at = 0; at < length; at += 1_000) {
        await store.append(
          streamId,
          Array.from({ length: Math.min(1_000, length - at) }, (_, k) => added(at + k)),
          'any',
        );
      }
    }
    const reads: Record<string, number> = {};
    // appended by another store on the file: this store is not told, so the cache reads what is new
    const elsewhere = new SqliteEventStore(store.file);
    for (const streamId of ['short', 'long']) {
      const { store: counted, eventsRead } = counting(store);
      await cache.load(counted, ledger, streamId);
      await elsewhere.append(streamId, [added(7)], 'any');
      const before = eventsRead();
      const loaded = await cache.load(counted, ledger, streamId);
      reads[streamId] = eventsRead() - before;
      expect(loaded.state).toEqual(await fullFold(store, streamId));
      expect(loaded.revision).toBe((await store.readStream(streamId)).length - 1);
    }
    await elsewhere.close();
    // the event it had folded up to (checked against the log) and the one appended since
    expect(reads).toEqual({ short: 2, long: 2 });
  });

  it('folds what another process appended to the same file', async () => {
    const cache = new FoldedStreamCache();
    await store.append('s', [added(1), added(2)], 'no_stream');
    await cache.load(store, ledger, 's');
    const elsewhere = new SqliteEventStore(store.file);
    try {
      await elsewhere.append('s', [added(3)], 1);
    } finally {
      await elsewhere.close();
    }
    expect(await cache.load(store, ledger, 's')).toEqual({ state: [1, 2, 3], revision: 2 });
  });

  it('drops an entry the log does not bear out (another event at its revision, a shorter stream) and folds from the start', async () => {
    const cache = new FoldedStreamCache();
    await store.append('s', [added(1), added(2), added(3)], 'no_stream');
    expect((await cache.load(store, ledger, 's')).state).toEqual([1, 2, 3]);
    // the same stream id in another file: a restored or replaced log
    const other = new SqliteEventStore(join(dir, 'other.sqlite'));
    try {
      await other.append('s', [added(10), added(20), added(30), added(40)], 'no_stream');
      expect(await cache.load(other, ledger, 's')).toEqual({ state: [10, 20, 30, 40], revision: 3 });
      const shorter = new SqliteEventStore(join(dir, 'shorter.sqlite'));
      try {
        await shorter.append('s', [added(5)], 'no_stream');
        expect(await cache.load(shorter, ledger, 's')).toEqual({ state: [5], revision: 0 });
      } finally {
        await shorter.close();
      }
    } finally {
      await other.close();
    }
  });

  it('whatever the interleaving of commands here and appends elsewhere, decides on exactly the fold of the log', async () => {
    const step = fc.oneof(
      fc.record({
        here: fc.constant(true),
        stream: fc.integer({ min: 0, max: 2 }),
        amount: fc.integer({ min: 1, max: 1_000 }),
      }),
      fc.record({
        here: fc.constant(false),
        stream: fc.integer({ min: 0, max: 2 }),
        amount: fc.integer({ min: 1, max: 1_000 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const runDir = mkdtempSync(join(tmpdir(), 'ledger-folded-run-'));
        const here = new SqliteEventStore(join(runDir, 'ledger.sqlite'));
        const elsewhere = new SqliteEventStore(join(runDir, 'ledger.sqlite'));
        try {
          const runner = new StreamCommandRunner(here);
          const seen: Record<string, readonly number[]> = {};
          for (const { here: isHere, stream, amount } of steps) {
            const streamId = `s-${stream}`;
            if (isHere) {
              await runner.run({
                decider: ledger,
                streamId,
                command: { amount },
                context: {
                  actor: { userId: 'u', organisationId: 'o', role: 'contributor' },
                  now: new Date(),
                  newId: randomUUID,
                  correlationId: 'c',
                  causationId: 'c',
                },
                refuse: (state) => {
                  seen[streamId] = state;
                  return null;
                },
              });
              // the state it decided on was the log's, up to the event just before its own
              expect([...seen[streamId], amount]).toEqual(await fullFold(here, streamId));
            } else {
              await elsewhere.append(streamId, [added(amount)], 'any');
            }
          }
        } finally {
          await elsewhere.close();
          await here.close();
          rmSync(runDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 30 },
    );
  }, 30_000); // each run opens a log and fsyncs every append: seconds on a busy disk
});
