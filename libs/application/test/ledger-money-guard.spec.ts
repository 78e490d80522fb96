import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DomainError } from '@benefit-ledger/domain';
import { EventToAppend, SqliteEventStore } from '@benefit-ledger/event-store';
import { LedgerMoneyGuard } from '../src/commands/ledger-money-guard';
import { plainEvent } from '@benefit-ledger/testing';

/**
 * The ledger-wide money ceiling, on a real SQLite store. The guard's ceiling is lowered (it is a constructor
 * argument) so that a test need not write £90 trillion; the arithmetic is the same.
 */
const cost = (amountPence: number): EventToAppend =>
  plainEvent('CostRecorded', { costId: randomUUID(), amountPence, nested: [{ valuePence: 0 }] });

describe('LedgerMoneyGuard', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-money-'));
    store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const appendThrough = (guard: LedgerMoneyGuard, streamId: string, amountPence: number) => {
    const events = [cost(amountPence)];
    return guard.admit(events, () => store.append(streamId, events, 'any'));
  };

  it('admits up to the ceiling exactly, then refuses with the rule and appends nothing', async () => {
    const guard = new LedgerMoneyGuard(store, 1_000);
    await appendThrough(guard, 'intervention-a', 600);
    await appendThrough(guard, 'intervention-b', 400);
    const head = await store.headPosition();
    await expect(appendThrough(guard, 'intervention-c', 1)).rejects.toMatchObject({
      rule: 'ledger-money-ceiling',
      kind: 'rule-violated',
    });
    expect(await store.headPosition()).toBe(head);
    // events with no money are not held back
    await guard.admit([{ data: { note: 'x' } }], () =>
      store.append('intervention-c', [{ ...cost(0), data: { note: 'x' } }], 'any'),
    );
    expect(await store.headPosition()).toBe(head + 1);
  });

  it('counts what another writer appended to the log (another process, another replica)', async () => {
    await store.append('intervention-elsewhere', [cost(900)], 'any');
    const guard = new LedgerMoneyGuard(store, 1_000);
    await expect(appendThrough(guard, 'intervention-a', 101)).rejects.toBeInstanceOf(DomainError);
    await appendThrough(guard, 'intervention-a', 100);
    await store.append('intervention-elsewhere', [cost(1)], 'any');
    await expect(appendThrough(guard, 'intervention-a', 0 + 1)).rejects.toMatchObject({ rule: 'ledger-money-ceiling' });
  });

  it('never lets commands admitted together pass the ceiling between them, whatever their amounts and interleaving', async () => {
    // each append takes a few milliseconds on its way to the store, as it would over a network to EventStoreDB
    const command = fc.record({ amount: fc.integer({ min: 0, max: 400 }), delayMs: fc.integer({ min: 0, max: 5 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        const amounts = commands.map((c) => c.amount);
        const runDir = mkdtempSync(join(tmpdir(), 'ledger-money-run-'));
        const runStore = new SqliteEventStore(join(runDir, 'ledger.sqlite'));
        try {
          const guard = new LedgerMoneyGuard(runStore, 1_000);
          const outcomes = await Promise.allSettled(
            commands.map(({ amount, delayMs }, i) => {
              const events = [cost(amount)];
              return guard.admit(events, async () => {
                await new Promise((resolve) => setTimeout(resolve, delayMs));
                return runStore.append(`intervention-${i}`, events, 'any');
              });
            }),
          );
          let total = 0;
          for await (const event of runStore.readAll()) total += (event.data as { amountPence: number }).amountPence;
          expect(total).toBeLessThanOrEqual(1_000);
          // a refusal only when admitting it really would have passed the ceiling
          const admitted = amounts.filter((_, i) => outcomes[i].status === 'fulfilled').reduce((a, b) => a + b, 0);
          expect(admitted).toBe(total);
          amounts.forEach((amount, i) => {
            if (outcomes[i].status === 'rejected') expect(total + amount).toBeGreaterThan(1_000);
          });
        } finally {
          await runStore.close();
          rmSync(runDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 30, seed: 7 },
    );
  });
});
