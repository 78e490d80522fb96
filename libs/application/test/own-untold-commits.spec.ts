import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, EventToAppend } from '@benefit-ledger/event-store';
import { compiledLib, compiledPath, plainEvent } from '@benefit-ledger/testing';
import type { LedgerMoneyGuard } from '../src/commands/ledger-money-guard';
import type { LogWatch } from '../src/commands/log-watch';

/**
 * Under load the append worker has usually committed a group before its notice reaches the store's thread. A look at
 * the log's head in that window finds the head past what the notices told: it is still quiet when the events past it
 * are the store's own (the worker's commit run says so), and not when anyone else wrote among them; the ledger money
 * guard likewise counts the store's own untold appends as in flight instead of reading the log. Compiled, with the
 * real append worker on a real SQLite file (the window exists only there); needs `npm run build` (npm test's pretest).
 */
interface CompiledStore extends EventStore {
  ownCommits(): { from: number; upTo: number };
}

const event = (n: number): EventToAppend => plainEvent('ThingHappened', { n });

/** Lets the store hand its appends on (a setImmediate), then waits, without yielding, for the worker's COMMIT. */
async function committedButNotTold(store: CompiledStore, position: number): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const deadline = Date.now() + 10_000;
  // spinning holds this thread, so the worker's answer (a message) cannot be delivered meanwhile
  while (store.ownCommits().upTo < position)
    if (Date.now() > deadline) throw new Error(`the worker did not commit position ${position} within 10 s`);
}

const compiled = () => {
  compiledPath('event-store', 'src', 'sqlite', 'append-worker.js'); // the worker path exists only there
  return {
    SqliteEventStore: (compiledLib('event-store', 'src') as { SqliteEventStore: new (file: string) => CompiledStore })
      .SqliteEventStore,
    LogWatch: (compiledLib('application', 'src', 'commands', 'log-watch') as { LogWatch: typeof LogWatch }).LogWatch,
    LedgerMoneyGuard: (
      compiledLib('application', 'src', 'commands', 'ledger-money-guard') as {
        LedgerMoneyGuard: typeof LedgerMoneyGuard;
      }
    ).LedgerMoneyGuard,
  };
};

describe('LogWatch, on the compiled store with its append worker', () => {
  let dir: string;
  let store: CompiledStore;
  let other: CompiledStore;
  let watch: LogWatch;
  let notices: number;

  beforeAll(() => {
    const { SqliteEventStore, LogWatch: CompiledLogWatch } = compiled();
    dir = mkdtempSync(join(tmpdir(), 'ledger-log-watch-'));
    store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    other = new SqliteEventStore(join(dir, 'ledger.sqlite')); // another process, as far as `store` can tell
    watch = CompiledLogWatch.of(store) as LogWatch;
    notices = 0;
    store.onAppended?.(() => (notices += 1));
  });
  afterAll(async () => {
    await Promise.all([store.close(), other.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a head past the notices only by its own commit, not yet told, is quiet', async () => {
    await store.append('a', [event(0)], 'no_stream');
    expect(await watch.look()).toMatchObject({ head: 1, quiet: true });

    const appending = store.append('a', [event(1), event(2)], 0);
    await committedButNotTold(store, 3);
    const told = notices;
    const look = await watch.look();
    expect(notices).toBe(told); // the look came before the notice
    expect(look).toMatchObject({ head: 3, quiet: true });
    expect(watch.vouches(watch.epoch)).toBe(true);
    await appending;
    expect(notices).toBe(told + 1);
    expect(await watch.look()).toMatchObject({ head: 3, quiet: true });
  });

  it('a write by another store is never quiet, before or after a commit of its own', async () => {
    await other.append('b', [event(10)], 'no_stream'); // position 4
    expect(await watch.look()).toMatchObject({ head: 4, quiet: false });

    // its own next commit starts a new run after the other's event: still not quiet while untold
    const appending = store.append('a', [event(3)], 2);
    await committedButNotTold(store, 5);
    expect(store.ownCommits()).toEqual({ from: 5, upTo: 5 });
    expect(await watch.look()).toMatchObject({ head: 5, quiet: false });
    const epochBefore = watch.epoch;
    await appending;
    // told now: the notice's gap changed the epoch, so what was kept before it is read again
    expect(watch.epoch).toBe(epochBefore + 1);
    expect(await watch.look()).toMatchObject({ head: 5, quiet: true });
  });

  it('a write by another store between its own commits, told or not, is not quiet', async () => {
    const first = store.append('a', [event(4)], 3); // position 6
    await committedButNotTold(store, 6);
    await other.append('b', [event(11)], 0); // position 7, while the notice of 6 is on its way
    const second = store.append('a', [event(5)], 4); // position 8
    await first;
    await committedButNotTold(store, 8);
    expect(store.ownCommits()).toEqual({ from: 8, upTo: 8 });
    expect(await watch.look()).toMatchObject({ head: 8, quiet: false });
    await second;
    expect(await watch.look()).toMatchObject({ head: 8, quiet: true });
  });
});

describe('LedgerMoneyGuard, on the compiled store with its append worker', () => {
  const cost = (amountPence: number): EventToAppend =>
    plainEvent('CostRecorded', { costId: randomUUID(), amountPence });

  it("counts the store's own untold appends as in flight without reading the log; a write elsewhere is read", async () => {
    const { SqliteEventStore, LedgerMoneyGuard: Guard } = compiled();
    const dir = mkdtempSync(join(tmpdir(), 'ledger-money-untold-'));
    const store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    const other = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    try {
      // appended before the guard listens: never told to it, so its first admission reads the log
      await store.append('intervention-before', [cost(100)], 'no_stream');
      const guard = new Guard(store, 1_000);
      const through = (amountPence: number, headSeen?: number) => {
        const events = [cost(amountPence)];
        return guard.admit(events, () => store.append(`intervention-${amountPence}`, events, 'any'), headSeen);
      };
      const reads = jest.spyOn(store, 'readAll'); // calls through
      // the guard appends after a few promise turns of its own: wait for the append to be handed on, then for its COMMIT
      const original = store.append.bind(store);
      const handedOn = new Promise<void>((resolve) => {
        jest.spyOn(store, 'append').mockImplementationOnce((...args) => {
          const appending = original(...args);
          resolve();
          return appending;
        });
      });
      const untold = through(200);
      await handedOn;
      await committedButNotTold(store, 2);
      expect(reads).toHaveBeenCalledTimes(1); // the first admission's
      const head = await store.headPosition();
      expect(head).toBe(2);
      // 100 counted + 200 untold (in flight) + 701 > 1,000: refused, and the log was not read again to know it
      await expect(through(701, head)).rejects.toMatchObject({ rule: 'ledger-money-ceiling' });
      expect(reads).toHaveBeenCalledTimes(1);
      await untold;

      await other.append('intervention-elsewhere', [cost(50)], 'any');
      const afterOther = await store.headPosition();
      // 100 + 200 + 50 (read from the log) + 651 > 1,000
      await expect(through(651, afterOther)).rejects.toMatchObject({ rule: 'ledger-money-ceiling' });
      expect(reads).toHaveBeenCalledTimes(2);
      await through(650, afterOther);
      expect(await store.headPosition()).toBe(afterOther + 1);
    } finally {
      await Promise.all([store.close(), other.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
