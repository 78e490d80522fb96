import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  ClosedPeriod,
  Decider,
  DomainError,
  DomainEvent,
  fold,
  organisationStreamId,
  periodStreamId,
} from '@benefit-ledger/domain';
import { EventToAppend, SqliteEventStore } from '@benefit-ledger/event-store';
import { plainEvent } from '@benefit-ledger/testing';
import { ConcurrencyConflictError } from '../src/application-errors';
import { CommandContext } from '../src/commands/command-context';
import { StreamCommand } from '../src/commands/stream-command';
import { StreamCommandRunner } from '../src/commands/stream-command-runner';
import { OrganisationDirectory } from '../src/organisations/organisation-directory';
import { PeriodDirectory } from '../src/periods/period-directory';

/**
 * While this process's store is the only writer, a command reads no stream: the folded state, the organisation
 * directory's answer and the period closes are vouched for by the store's own notices and one look at the log's
 * head. A write by a second store instance on the same file (another process) is seen by the next command. Real
 * SQLite stores in a temp dir; jest.spyOn only counts calls to the real store's methods (it calls through).
 */

/** Its amount is money (a `…Pence` figure), so that the ledger money guard admits every command. */
type Added = DomainEvent<'Added', { amountPence: number; bearer: string }>;
interface Add {
  amount: number;
  bearer: string;
}
/** The state is the list of amounts, so that any event lost, doubled or reordered shows. */
const ledger: Decider<Add, Added, readonly number[]> = {
  initialState: [],
  decide: (command) => [{ type: 'Added', data: { amountPence: command.amount, bearer: command.bearer } }],
  evolve: (amounts, event) => [...amounts, event.data.amountPence],
};

const added = (amount: number, bearer = 'org-a'): EventToAppend => plainEvent('Added', { amountPence: amount, bearer });
const registered = (organisationId: string): EventToAppend =>
  plainEvent('OrganisationRegistered', { organisationId, name: organisationId, type: 'trust', system: null });
const closed = (financialYear: string): EventToAppend =>
  plainEvent('PeriodClosed', {
    financialYear,
    scope: 'system',
    note: null,
    closedAt: '2020-05-01T00:00:00.000Z',
    seal: { algorithm: 'test', position: 1, streamCount: 0, root: '0'.repeat(64), heads: [] },
  });

const context = (expectedRevision?: number): CommandContext => ({
  actor: { userId: 'u', organisationId: 'org-a', role: 'contributor' },
  now: new Date('2026-12-07T20:00:00.000Z'),
  newId: randomUUID,
  correlationId: 'c',
  causationId: 'c',
  expectedRevision,
});

describe('commands without a store read while this store is the only writer', () => {
  let dir: string;
  let here: SqliteEventStore;
  let elsewhere: SqliteEventStore;
  let runner: StreamCommandRunner;
  let organisations: OrganisationDirectory;
  let periods: PeriodDirectory;
  /** What each command decided on: its folded state and the closes its preface saw. */
  let seen: { state: readonly number[]; closes: ClosedPeriod[] }[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-no-read-'));
    here = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    elsewhere = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    runner = new StreamCommandRunner(here);
    organisations = new OrganisationDirectory(here);
    periods = new PeriodDirectory(here);
    seen = [];
    await here.append(organisationStreamId('org-a'), [registered('org-a')], 'no_stream');
  });
  afterEach(async () => {
    await elsewhere.close();
    await here.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A cost-like command: checks its bearer is registered, asks the period lock's closes, then decides. */
  const command = (streamId: string, amount: number, bearer = 'org-a', expectedRevision?: number) => {
    let state: readonly number[] = [];
    const request: StreamCommand<Add, Added, readonly number[]> = {
      decider: ledger,
      streamId,
      command: { amount, bearer },
      context: context(expectedRevision),
      refuse: (folded) => {
        state = folded;
        return null;
      },
      checkReferences: async () => {
        await organisations.requireRegistered('bearerOrganisationId', bearer);
      },
      preface: async () => {
        seen.push({ state, closes: await periods.closes(['2019/20']) });
        return [];
      },
    };
    return runner.run(request);
  };

  /** Counts the real store's stream reads and head looks from now on (the spies call through). */
  const reads = () => {
    const stream = jest.spyOn(here, 'readStream');
    const from = jest.spyOn(here, 'readStreamFrom');
    const heads = jest.spyOn(here, 'headPosition');
    const streamsBefore = stream.mock.calls.length + from.mock.calls.length;
    const headsBefore = heads.mock.calls.length;
    return {
      streams: () => stream.mock.calls.length + from.mock.calls.length - streamsBefore,
      heads: () => heads.mock.calls.length - headsBefore,
    };
  };

  const logLength = () => here.headPosition();

  it('given only this store writes, when commands follow on a stream, then after the first no stream is read and each looks at the head once', async () => {
    await command('s', 1); // the first reads the stream, the organisation and the year once
    const counted = reads();
    for (const amount of [2, 3, 4, 5]) await command('s', amount);
    expect(counted.streams()).toBe(0);
    // one look per command, shared by the cache, the directories and the money guard
    expect(counted.heads()).toBe(4);
    // and each decided on exactly the log's fold, up to the event before its own
    expect(seen.map(({ state }) => state)).toEqual([[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4]]);
    expect(fold(ledger, (await here.readStream('s')) as unknown as Added[])).toEqual([1, 2, 3, 4, 5]);
  });

  it('given only this store writes, when commands on many streams run together (one group commit), then none reads', async () => {
    await Promise.all(['a', 'b', 'c'].map((streamId) => command(streamId, 1)));
    const counted = reads();
    await Promise.all(['a', 'b', 'c', 'a', 'b', 'c'].map((streamId, i) => command(streamId, i + 2)));
    expect(counted.streams()).toBe(0);
    for (const streamId of ['a', 'b', 'c']) {
      const amounts = fold(ledger, (await here.readStream(streamId)) as unknown as Added[]);
      expect(amounts).toHaveLength(3);
      expect(amounts[0]).toBe(1);
    }
  });

  it('given a second store on the file appends to the stream, when the next command runs, then it reads and decides on the state with that write', async () => {
    await command('s', 1);
    await command('s', 2);
    await elsewhere.append('s', [added(10)], 1);
    const counted = reads();
    await command('s', 3);
    expect(counted.streams()).toBeGreaterThan(0);
    expect(seen.at(-1)?.state).toEqual([1, 2, 10]);
    expect(fold(ledger, (await here.readStream('s')) as unknown as Added[])).toEqual([1, 2, 10, 3]);
    // this store's next commit showed a write it was not told of: what was kept before is read once more (command 4),
    // and then commands read nothing again
    await command('s', 4);
    const again = reads();
    await command('s', 5);
    expect(again.streams()).toBe(0);
    expect(seen.at(-1)?.state).toEqual([1, 2, 10, 3, 4]);
  });

  it('given a second store appended, when a command carries the revision it last read, then it is refused 409 and nothing is appended', async () => {
    await command('s', 1);
    await elsewhere.append('s', [added(10)], 0);
    const before = await logLength();
    await expect(command('s', 2, 'org-a', 0)).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(await logLength()).toBe(before);
  });

  it('given a second store registers an organisation and closes a year, when the next command names it, then it sees both', async () => {
    await command('s', 1);
    await expect(command('s', 2, 'org-b')).rejects.toMatchObject({
      kind: 'invalid-reference',
      field: 'bearerOrganisationId',
    });
    const before = await logLength();
    await elsewhere.append(organisationStreamId('org-b'), [registered('org-b')], 'no_stream');
    await elsewhere.append(periodStreamId('2019/20'), [closed('2019/20')], 'no_stream');
    await command('s', 2, 'org-b');
    expect(seen.at(-1)?.closes.map((close) => close.financialYear)).toEqual(['2019/20']);
    expect(await logLength()).toBe(before + 3);
  });

  it('given this store refuses a command for an unknown organisation, then nothing is appended and the refusal names the field', async () => {
    await command('s', 1);
    const before = await logLength();
    const refusal = command('s', 2, 'org-unknown');
    await expect(refusal).rejects.toBeInstanceOf(DomainError);
    await expect(refusal).rejects.toMatchObject({ field: 'bearerOrganisationId' });
    expect(await logLength()).toBe(before);
  });

  it('whatever the interleaving of commands here and writes elsewhere, each command decides on the log as it is', async () => {
    const step = fc.record({
      here: fc.boolean(),
      stream: fc.constantFrom('s-0', 's-1'),
      amount: fc.integer({ min: 1, max: 1_000 }),
      together: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
        const runDir = mkdtempSync(join(tmpdir(), 'ledger-no-read-run-'));
        const mine = new SqliteEventStore(join(runDir, 'ledger.sqlite'));
        const theirs = new SqliteEventStore(join(runDir, 'ledger.sqlite'));
        try {
          const run = new StreamCommandRunner(mine);
          const decidedOn = new Map<number, readonly number[]>();
          const pending: Promise<unknown>[] = [];
          for (const [index, { here: isHere, stream, amount, together }] of steps.entries()) {
            if (!isHere) {
              await Promise.all(pending.splice(0));
              await theirs.append(stream, [added(amount)], 'any');
              continue;
            }
            const running = run.run({
              decider: ledger,
              streamId: stream,
              command: { amount, bearer: 'org-a' },
              context: context(),
              refuse: (state) => {
                decidedOn.set(index, state);
                return null;
              },
            });
            pending.push(running);
            if (!together) await Promise.all(pending.splice(0));
          }
          await Promise.all(pending);
          // every command's state is a prefix of its stream's log, ending right before its own event
          for (const streamId of ['s-0', 's-1']) {
            const log = (await mine.readStream(streamId)) as unknown as Added[];
            const amounts = log.map((event) => event.data.amountPence);
            for (const [index, state] of decidedOn) {
              if (steps[index].stream !== streamId) continue;
              expect(amounts.slice(0, state.length)).toEqual(state);
              expect(amounts[state.length]).toBe(steps[index].amount);
            }
          }
        } finally {
          await theirs.close();
          await mine.close();
          rmSync(runDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
