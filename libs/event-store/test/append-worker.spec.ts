import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CommittedAppend, EventStore, EventToAppend } from '../src';
import { compiledLib, compiledPath, plainEvent } from '@benefit-ledger/testing';

/**
 * The compiled store (what `npm start` runs) commits on its append worker thread: the same answers as on the store's
 * own thread, refusals included, made errors of the same classes again. Needs `npm run build` (npm test's pretest).
 */
const event = (n: number): EventToAppend => plainEvent('ThingHappened', { n });

describe('SqliteEventStore, compiled, with its append worker', () => {
  let dir: string;
  let store: EventStore;
  let compiled: {
    SqliteEventStore: new (file: string) => EventStore;
    WrongExpectedRevisionError: new (...args: never[]) => Error;
    DuplicateEventIdError: new (...args: never[]) => Error;
  };
  beforeAll(() => {
    compiledPath('event-store', 'src', 'sqlite', 'append-worker.js'); // the worker path exists only there
    compiled = compiledLib('event-store', 'src') as typeof compiled;
    dir = mkdtempSync(join(tmpdir(), 'ledger-append-worker-'));
    store = new compiled.SqliteEventStore(join(dir, 'ledger.sqlite'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends sent together land, each checked on its own; refusals come back as the same errors', async () => {
    const first = event(0);
    await store.append('a', [first], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.append('a', [event(1)], 0),
      store.append('a', [event(2)], 0), // the one before took revision 1
      store.append('b', [{ ...first }], 'no_stream'), // the id is already in stream a
      store.append('c', [event(3), event(4)], 'no_stream'),
      store.append('a', [first], 'no_stream'), // the very first append again: answered as the first time
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    const conflict = (outcomes[1] as PromiseRejectedResult).reason;
    expect(conflict).toBeInstanceOf(compiled.WrongExpectedRevisionError);
    expect(conflict).toMatchObject({ streamId: 'a', expected: 0, actual: 1 });
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(compiled.DuplicateEventIdError);
    expect((outcomes[4] as PromiseFulfilledResult<unknown>).value).toEqual({ nextRevision: 0, position: 1 });
    expect((await store.readStream('a')).map((e) => e.data.n)).toEqual([0, 1]);
    expect(await store.readStream('b')).toEqual([]);
    expect((await store.readStream('c')).map((e) => e.revision)).toEqual([0, 1]);
    // the worker's run of its own commits: the refused appends' savepoints took their positions back with them
    expect((store as unknown as { ownCommits(): unknown }).ownCommits()).toEqual({ from: 1, upTo: 4 });
  });

  it('hands on the next appends while a transaction is in progress, and commits those that queued meanwhile together', async () => {
    const file = join(dir, 'pipelined.sqlite');
    const pipelined = new compiled.SqliteEventStore(file);
    const told: string[][] = [];
    pipelined.onAppended?.((appends: readonly CommittedAppend[]) => told.push(appends.map((a) => a.streamId)));
    const locker = new Database(file);
    try {
      await pipelined.append('warm', [event(0)], 'no_stream'); // the worker started, the file created
      told.length = 0;
      // another connection holds the write lock: the worker's next transaction waits for it (busy_timeout)
      locker.exec('BEGIN IMMEDIATE');
      const first = pipelined.append('first', [event(1)], 'no_stream');
      await new Promise((resolve) => setTimeout(resolve, 100)); // the worker is in that transaction, waiting
      // two hand-offs in two turns, neither waiting for the transaction in progress to be answered
      const second = pipelined.append('second', [event(2)], 'no_stream');
      await new Promise((resolve) => setImmediate(resolve));
      const third = pipelined.append('third', [event(3)], 'no_stream');
      await new Promise((resolve) => setTimeout(resolve, 100));
      locker.exec('ROLLBACK');
      // this thread now holds on without yielding, so the first transaction's answer cannot reach it: the worker
      // commits the two queued hand-offs all the same
      const deadline = Date.now() + 10_000;
      while ((pipelined as unknown as { ownCommits(): { upTo: number } }).ownCommits().upTo < 4)
        if (Date.now() > deadline) throw new Error('the worker waited for this thread before its next transaction');
      expect(told).toEqual([]);
      const results = await Promise.all([first, second, third]);
      expect(results.map((r) => r.position)).toEqual([2, 3, 4]);
      // one transaction for the first, one for the two that queued while it waited: two notices
      expect(told).toEqual([['first'], ['second', 'third']]);
    } finally {
      locker.close();
      await pipelined.close();
    }
  });

  it('a close answers every append already sent', async () => {
    const closing = new compiled.SqliteEventStore(join(dir, 'closing.sqlite'));
    const sent = Array.from({ length: 50 }, (_, i) => closing.append(`s-${i % 5}`, [event(i)], 'any'));
    await closing.close();
    const results = await Promise.all(sent);
    expect(new Set(results.map((r) => r.position)).size).toBe(50);
    const reopened = new compiled.SqliteEventStore(join(dir, 'closing.sqlite'));
    try {
      expect(await reopened.headPosition()).toBe(50);
    } finally {
      await reopened.close();
    }
  });
});
