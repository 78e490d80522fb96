import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Decider, DomainEvent } from '@benefit-ledger/domain';
import {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  SqliteEventStore,
} from '@benefit-ledger/event-store';
import { CommandContext } from '../src/commands/command-context';
import { StreamCommandRunner } from '../src/commands/stream-command-runner';
import { deterministicIds } from '../src/idempotency/idempotency-key';

/**
 * The runner with an Idempotency-Key, on a real SQLite store: a retry after a lost answer finds the command's
 * events whichever attempt appended them, preface included.
 */

type Note = DomainEvent<'Noted', { text: string }>;
const notes: Decider<{ text: string }, Note, number> = {
  initialState: 0,
  decide: (command) => [{ type: 'Noted', data: { text: command.text } }],
  evolve: (count) => count + 1,
};

/**
 * Test double around the real store: before the first append it lets another writer append to the same stream,
 * so that append meets a WrongExpectedRevisionError and the runner tries again.
 */
class AnotherWriterGetsInFirstOnce {
  private interfered = false;
  constructor(readonly real: SqliteEventStore) {}
  readStream(streamId: string) {
    return this.real.readStream(streamId);
  }
  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (!this.interfered) {
      this.interfered = true;
      await this.real.append(
        streamId,
        [{ ...events[0], eventId: randomUUID(), data: { text: 'the other writer' } }],
        'any',
      );
    }
    return this.real.append(streamId, events, expected);
  }
}

describe('StreamCommandRunner with an Idempotency-Key', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
    store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A request's context as the API makes it from a key: a fresh one per request. */
  const contextFor = (key: string): CommandContext => {
    const actor = { userId: 'ann', organisationId: 'acute-a', role: 'contributor' } as const;
    const ids = deterministicIds(actor, key);
    return {
      actor,
      now: new Date('2024-06-01T09:00:00Z'),
      newId: randomUUID,
      idempotentEventIdAt: ids.eventIdAt,
      correlationId: 'c',
      causationId: 'c',
    };
  };
  const note = (runner: StreamCommandRunner, key: string, preface?: () => Promise<DomainEvent[]>) =>
    runner.run({
      decider: notes,
      streamId: 'notes-1',
      command: { text: 'hello' },
      context: contextFor(key),
      refuse: () => null,
      preface,
    });

  it('a retry finds the events an attempt made after a conflict, and appends nothing', async () => {
    const first = await note(
      new StreamCommandRunner(new AnotherWriterGetsInFirstOnce(store) as unknown as EventStore),
      'k-1',
    );
    expect((await store.readStream('notes-1')).map((e) => e.data)).toEqual([
      { text: 'the other writer' },
      { text: 'hello' },
    ]);

    const retry = await note(new StreamCommandRunner(store), 'k-1');
    expect(retry).toEqual(first);
    expect(await store.readStream('notes-1')).toHaveLength(2);
  });

  it('a retry answers the preface (a restatement) among the event ids, as the first answer did', async () => {
    const runner = new StreamCommandRunner(store);
    const preface = () => Promise.resolve([{ type: 'RestatementRecorded', data: { reason: 'late invoice' } }]);
    const first = await note(runner, 'k-2', preface);
    expect(first.eventIds).toHaveLength(2);

    const retry = await note(runner, 'k-2', preface);
    expect(retry).toEqual(first);
    expect((await store.readStream('notes-1')).map((e) => e.type)).toEqual(['RestatementRecorded', 'Noted']);
  });
});
