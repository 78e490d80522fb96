import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Decider, DomainEvent } from '@benefit-ledger/domain';
import { EventToAppend, SqliteEventStore } from '@benefit-ledger/event-store';
import { ConcurrencyConflictError } from '../src/application-errors';
import { CommandContext } from '../src/commands/command-context';
import { LedgerMoneyGuard } from '../src/commands/ledger-money-guard';
import { StreamCommandRunner } from '../src/commands/stream-command-runner';
import { plainEvent } from '@benefit-ledger/testing';

/**
 * Commands sent together, on a real SQLite store whose appends are group-committed: each is checked on its own,
 * commands on one stream take turns instead of failing each other, and the money guard counts every one.
 */

type Added = DomainEvent<'Added', { amountPence: number }>;
const adding: Decider<{ amountPence: number }, Added, number> = {
  initialState: 0,
  decide: (command) => [{ type: 'Added', data: { amountPence: command.amountPence } }],
  evolve: (total, event) => total + event.data.amountPence,
};
const context = (expectedRevision?: number): CommandContext => ({
  actor: { userId: 'u', organisationId: 'o', role: 'contributor' },
  now: new Date('2026-12-07T09:00:00Z'),
  newId: randomUUID,
  correlationId: 'c',
  causationId: 'c',
  ...(expectedRevision === undefined ? {} : { expectedRevision }),
});
const added = (amountPence: number): EventToAppend => plainEvent('Added', { amountPence });

describe('commands sent together (group commit)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: StreamCommandRunner;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-group-'));
    store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    runner = new StreamCommandRunner(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (streamId: string, amountPence: number, expectedRevision?: number) =>
    runner.run({
      decider: adding,
      streamId,
      command: { amountPence },
      context: context(expectedRevision),
      refuse: () => null,
    });

  it('forty commands on one stream at once all land, one revision each, none refused as a conflict', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => send('one', i + 1)));
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const events = await store.readStream('one');
    expect(events).toHaveLength(40);
    expect(events.reduce((sum, e) => sum + (e.data.amountPence as number), 0)).toBe((40 * 41) / 2);
  });

  it('a command whose client revision is stale is refused alone; those sent with it land', async () => {
    for (let i = 0; i < 30; i += 1) await send(`s-${i}`, 1);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => send(`s-${i}`, 2, i === 17 ? 5 : 0)),
    );
    expect(outcomes.map((o, i) => [i, o.status])).toEqual(
      Array.from({ length: 30 }, (_, i) => [i, i === 17 ? 'rejected' : 'fulfilled']),
    );
    expect((outcomes[17] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(await store.readStream('s-17')).toHaveLength(1);
    for (const i of [0, 16, 18, 29]) expect(await store.readStream(`s-${i}`)).toHaveLength(2);
  });

  it('the money guard counts every command committed together and every append from elsewhere, to the penny', async () => {
    const step = fc.record({ amount: fc.integer({ min: 0, max: 300 }), elsewhere: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
        const runDir = mkdtempSync(join(tmpdir(), 'ledger-group-money-'));
        const here = new SqliteEventStore(join(runDir, 'ledger.sqlite'));
        const other = new SqliteEventStore(join(runDir, 'ledger.sqlite'));
        try {
          const guard = new LedgerMoneyGuard(here, 2_000);
          // sent in one turn: the guard's admissions and the other process's appends commit in the same moments
          await Promise.allSettled(
            steps.map(({ amount, elsewhere }, i) => {
              const events = [added(amount)];
              return elsewhere
                ? other.append(`other-${i}`, events, 'any')
                : guard.admit(events, () => here.append(`here-${i}`, events, 'any'));
            }),
          );
          let total = 0;
          for await (const event of here.readAll()) total += event.data.amountPence as number;
          // exactly what is left under the ceiling is admitted, a penny more is not: the guard's count is the log's
          const rest = 2_000 - total;
          if (rest > 0)
            await expect(
              guard.admit([added(rest + 1)], () => here.append('last', [added(rest + 1)], 'any')),
            ).rejects.toMatchObject({ rule: 'ledger-money-ceiling' });
          if (rest > 0)
            await expect(
              guard.admit([added(rest)], () => here.append('last', [added(rest)], 'any')),
            ).resolves.toBeDefined();
          // the other process appends unguarded and may take the sum past the ceiling: then not a penny more is admitted here
          if (rest <= 0)
            await expect(guard.admit([added(1)], () => here.append('last', [added(1)], 'any'))).rejects.toMatchObject({
              rule: 'ledger-money-ceiling',
            });
        } finally {
          await other.close();
          await here.close();
          rmSync(runDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 15 },
    );
  }, 30_000); // each run opens a log and fsyncs every append: seconds on a busy disk
});
