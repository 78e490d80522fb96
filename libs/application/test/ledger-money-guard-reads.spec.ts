import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { EventToAppend, SqliteEventStore } from '@benefit-ledger/event-store';
import { LedgerMoneyGuard } from '../src/commands/ledger-money-guard';
import { plainEvent } from '@benefit-ledger/testing';

/**
 * The money guard counts its store's appends from the store's own notices, given as each group commits, and reads
 * the log only when another writer (another store on the file: another process) has moved its head. Real SQLite
 * stores; `readAll` is only watched (jest.spyOn calls through), to count the guard's reads of the log.
 */
const cost = (amountPence: number): EventToAppend => plainEvent('CostRecorded', { costId: randomUUID(), amountPence });

describe('LedgerMoneyGuard reads the log only when another writer moved it', () => {
  let dir: string;
  let here: SqliteEventStore;
  let other: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-money-reads-'));
    here = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    other = new SqliteEventStore(join(dir, 'ledger.sqlite'));
  });
  afterEach(async () => {
    await other.close();
    await here.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const admitHere = (guard: LedgerMoneyGuard, streamId: string, amountPence: number) => {
    const events = [cost(amountPence)];
    return guard.admit(events, () => here.append(streamId, events, 'any'));
  };

  it('given only its own store writes, when commands are admitted together and one by one, then the log is never read and the count is exact', async () => {
    const reads = jest.spyOn(here, 'readAll');
    const guard = new LedgerMoneyGuard(here, 1_000);
    // committed together (one group), then unguarded appends through the same store (money and none), then alone
    await Promise.all([100, 200, 50].map((amount, i) => admitHere(guard, `intervention-${i}`, amount)));
    await here.append('intervention-x', [cost(150)], 'any');
    await here.append('intervention-x', [{ ...cost(0), data: { note: 'no money' } }], 'any');
    await admitHere(guard, 'intervention-y', 400);
    expect(reads).not.toHaveBeenCalled();
    // 900 counted: 100 more fits exactly, a penny more does not, and the refusal appends nothing
    await expect(admitHere(guard, 'intervention-z', 101)).rejects.toMatchObject({ rule: 'ledger-money-ceiling' });
    const head = await here.headPosition();
    await admitHere(guard, 'intervention-z', 100);
    expect(await here.headPosition()).toBe(head + 1);
    expect(reads).not.toHaveBeenCalled();
  });

  it('given another store on the same file appends, when the next command is admitted, then the guard reads the log once and counts it', async () => {
    const reads = jest.spyOn(here, 'readAll');
    const guard = new LedgerMoneyGuard(here, 1_000);
    await admitHere(guard, 'intervention-a', 300);
    await other.append('intervention-elsewhere', [cost(600)], 'any');
    await expect(admitHere(guard, 'intervention-a', 101)).rejects.toMatchObject({ rule: 'ledger-money-ceiling' });
    expect(reads).toHaveBeenCalledTimes(1);
    await admitHere(guard, 'intervention-a', 100);
    expect(reads).toHaveBeenCalledTimes(1); // caught up: its own append is counted from the notice again
  });

  it('counts to the penny whatever the mix of its own admissions, its store’s unguarded appends and another store’s appends', async () => {
    const step = fc.record({
      amount: fc.integer({ min: 0, max: 300 }),
      writer: fc.constantFrom('guarded', 'unguarded', 'other'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 16 }), async (steps) => {
        const runDir = mkdtempSync(join(tmpdir(), 'ledger-money-mix-'));
        const mine = new SqliteEventStore(join(runDir, 'ledger.sqlite'));
        const theirs = new SqliteEventStore(join(runDir, 'ledger.sqlite'));
        try {
          const guard = new LedgerMoneyGuard(mine, 2_000);
          await Promise.allSettled(
            steps.map(({ amount, writer }, i) => {
              const events = [cost(amount)];
              if (writer === 'other') return theirs.append(`other-${i}`, events, 'any');
              if (writer === 'unguarded') return mine.append(`mine-${i}`, events, 'any');
              return guard.admit(events, () => mine.append(`guarded-${i}`, events, 'any'));
            }),
          );
          let total = 0;
          for await (const event of mine.readAll()) total += event.data.amountPence as number;
          const rest = 2_000 - total;
          // the guard's count is the log's: exactly what is left fits, a penny more does not
          if (rest >= 0)
            await expect(
              guard.admit([cost(rest + 1)], () => mine.append('last', [cost(rest + 1)], 'any')),
            ).rejects.toMatchObject({ rule: 'ledger-money-ceiling' });
          if (rest > 0)
            await expect(
              guard.admit([cost(rest)], () => mine.append('last', [cost(rest)], 'any')),
            ).resolves.toBeDefined();
        } finally {
          await theirs.close();
          await mine.close();
          rmSync(runDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 15 },
    );
  }, 30_000); // each run opens a log and fsyncs every group: seconds on a busy disk
});
