import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Decider, DomainEvent } from '@benefit-ledger/domain';
import { SqliteEventStore } from '@benefit-ledger/event-store';
import { ForbiddenError } from '../src/application-errors';
import { CommandContext } from '../src/commands/command-context';
import { RunMiddleware } from '../src/commands/command-pipeline';
import { StreamCommand } from '../src/commands/stream-command';
import { StreamCommandRunner } from '../src/commands/stream-command-runner';

/**
 * The runner's middleware, on a real SQLite store: the decide stage runs its hooks in order (access, references,
 * resolution, decide, preface), a refusal at any of them appends nothing, and a request's own run middleware wraps
 * the whole run, a plan's decisions included.
 */

type Note = DomainEvent<'Noted', { text: string }>;
const notes: Decider<{ text: string }, Note, number> = {
  initialState: 0,
  decide: (command) => [{ type: 'Noted', data: { text: command.text } }],
  evolve: (count) => count + 1,
};

describe('the command pipeline', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: StreamCommandRunner;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-pipeline-'));
    store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    runner = new StreamCommandRunner(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const context: CommandContext = {
    actor: { userId: 'ann', organisationId: 'acute-a', role: 'contributor' },
    now: new Date('2024-06-01T09:00:00Z'),
    newId: randomUUID,
    correlationId: 'c',
    causationId: 'c',
  };

  /** A request whose every hook says when it ran; `refuseAt` names the hook that refuses. */
  const traced = (calls: string[], refuseAt?: string): StreamCommand<{ text: string }, Note, number> => ({
    decider: { ...notes, decide: (command, state) => (calls.push('decide'), notes.decide(command, state)) },
    streamId: 'notes-1',
    command: { text: 'as sent' },
    context,
    refuse: () => (calls.push('access'), refuseAt === 'access' ? 'not yours' : null),
    checkReferences: () => {
      calls.push('references');
      return refuseAt === 'references' ? Promise.reject(new Error('no such organisation')) : Promise.resolve();
    },
    resolve: () => (calls.push('resolve'), Promise.resolve({ text: 'resolved' })),
    preface: (_state, decided) => {
      calls.push(`preface after ${decided.length} decided`);
      return refuseAt === 'preface'
        ? Promise.reject(new Error('period closed'))
        : Promise.resolve([{ type: 'RestatementRecorded', data: { reason: 'late invoice' } }]);
    },
  });

  it('decides through access, references, resolution, the decider and the preface, in that order', async () => {
    const calls: string[] = [];
    const result = await runner.run(traced(calls));
    expect(calls).toEqual(['access', 'references', 'resolve', 'decide', 'preface after 1 decided']);
    const stored = await store.readStream('notes-1');
    // the preface goes first in the append; the decided event is the resolved command's
    expect(stored.map((event) => [event.type, event.data])).toEqual([
      ['RestatementRecorded', { reason: 'late invoice' }],
      ['Noted', { text: 'resolved' }],
    ]);
    expect(result.eventIds).toEqual(stored.map((event) => event.eventId));
  });

  it.each([
    ['access', ['access'], ForbiddenError],
    ['references', ['access', 'references'], Error],
    ['preface', ['access', 'references', 'resolve', 'decide', 'preface after 1 decided'], Error],
  ])('a refusal at %s stops the pipeline there and appends nothing', async (refuseAt, ran, refusal) => {
    const calls: string[] = [];
    await expect(runner.run(traced(calls, refuseAt))).rejects.toBeInstanceOf(refusal);
    expect(calls).toEqual(ran);
    expect(await store.readStream('notes-1')).toHaveLength(0);
  });

  it("runs a request's own middleware around the whole run", async () => {
    const calls: string[] = [];
    const around: RunMiddleware = {
      name: 'tracer',
      async run(request, next) {
        calls.push(`before ${request.streamId}`);
        const result = await next();
        calls.push(`after revision ${result.revision}`);
        return result;
      },
    };
    await runner.run({ ...traced(calls), around: [around] });
    expect(calls[0]).toBe('before notes-1');
    expect(calls.at(-1)).toBe('after revision 1');
    expect(await store.readStream('notes-1')).toHaveLength(2);
  });

  it('a plan decides through the same stage and appends only on commit', async () => {
    const calls: string[] = [];
    const plan = runner.plan();
    await plan.add(traced(calls));
    expect(calls).toEqual(['access', 'references', 'resolve', 'decide', 'preface after 1 decided']);
    expect(await store.readStream('notes-1')).toHaveLength(0);
    expect(plan.pendingEvents).toBe(2);
    expect(await runner.commit(plan)).toEqual({ streams: 1, events: 2 });
    expect((await store.readStream('notes-1')).map((event) => event.type)).toEqual(['RestatementRecorded', 'Noted']);
  });
});
