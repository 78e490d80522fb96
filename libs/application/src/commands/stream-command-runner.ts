import { Inject, Injectable } from '@nestjs/common';
import { Decider, DomainEvent, fold, schemaVersionOf } from '@benefit-ledger/domain';
import {
  EVENT_STORE,
  EventStore,
  EventToAppend,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '@benefit-ledger/event-store';
import { ConcurrencyConflictError, ForbiddenError } from '../application-errors';
import { CommandContext, WriteResult } from './command-context';
import { FoldedStreamCache } from './folded-stream-cache';
import { StreamTurns } from './stream-turns';
import { LedgerMoneyGuard } from './ledger-money-guard';

/** The schema version of events with no version of their own (every type not in EVENT_SCHEMA_VERSIONS, and idempotent answers). */
export const SCHEMA_VERSION = 1;
/** Retries when another writer got in between our read and our append, and the client set no revision. */
const MAX_ATTEMPTS = 3;

export interface StreamCommand<C, E, S> {
  decider: Decider<C, E, S>;
  streamId: string;
  command: C;
  context: CommandContext;
  /** The access policy: a reason to refuse (403), or null. */
  refuse: (state: S) => string | null;
  /** Checks against other streams (e.g. referenced organisations exist); throws to refuse. */
  checkReferences?: (state: S) => Promise<void>;
  /**
   * Completes the command with facts read from other streams (e.g. a catalogue price), after access is checked,
   * so that the decider stays pure and someone refused learns nothing from the lookup.
   */
  resolve?: (state: S) => Promise<C>;
  /**
   * Checks against other streams once the events are decided (e.g. the period lock); throws to refuse, or
   * answers events to record in the same append just before the decided ones (a restatement).
   */
  preface?: (state: S, decided: { eventId: string; type: string }[]) => Promise<DomainEvent[]>;
}

/**
 * The events one command appends: its preface (if any), then the events decided, with their ids and metadata.
 * Ids come from `newId`: the decided events' first, then the preface's.
 */
async function eventsFor<C, E extends DomainEvent, S>(
  request: StreamCommand<C, E, S>,
  state: S,
  newId: () => string,
): Promise<{ decided: E[]; appending: EventToAppend[] }> {
  const decided = await decideOn(request, state);
  const decidedEvents = toAppend(decided, request.context, newId);
  const preface = toAppend(
    (await request.preface?.(
      state,
      decidedEvents.map(({ eventId, type }) => ({ eventId, type })),
    )) ?? [],
    request.context,
    newId,
  );
  return { decided, appending: [...preface, ...decidedEvents] };
}

/** Authorise, check references, complete the command, decide: the same steps for a write and for a plan. */
async function decideOn<C, E, S>(request: StreamCommand<C, E, S>, state: S): Promise<E[]> {
  const refusal = request.refuse(state);
  if (refusal) throw new ForbiddenError(refusal);
  await request.checkReferences?.(state);
  const command = request.resolve ? await request.resolve(state) : request.command;
  return request.decider.decide(command, state);
}

/** Domain events -> events to append, with the command's metadata and the schema version of each event's type. */
function toAppend(events: readonly DomainEvent[], context: CommandContext, newId: () => string): EventToAppend[] {
  return events.map((event) => ({
    eventId: newId(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { ...eventMetadata(context), schemaVersion: schemaVersionOf(event.type) },
  }));
}

/** The metadata of every event a command appends (the answers recorded for Idempotency-Keys too). */
export function eventMetadata(
  context: Pick<CommandContext, 'now' | 'actor' | 'correlationId' | 'causationId'>,
): EventToAppend['metadata'] {
  return {
    recordedAt: context.now.toISOString(),
    actor: { userId: context.actor.userId, organisationId: context.actor.organisationId, role: context.actor.role },
    correlationId: context.correlationId,
    causationId: context.causationId,
    schemaVersion: SCHEMA_VERSION,
  };
}

interface PlannedStream {
  /** The revision read, at which the planned events will be appended. */
  revision: number;
  state: unknown;
  events: EventToAppend[];
}

/**
 * Many commands decided in order without appending anything: each sees the streams as they were read plus
 * what the commands before it decided. Nothing is written until `StreamCommandRunner.commit`.
 */
export class CommandPlan {
  private readonly streams = new Map<string, PlannedStream>();
  private readonly stored = new Map<string, readonly DomainEvent[]>();

  constructor(private readonly store: EventStore) {}

  /** Decides one more command in memory; throws its refusal (ForbiddenError, DomainError), planning nothing for it. */
  async add<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<E[]> {
    const stream = await this.stream(request);
    const { decided, appending } = await eventsFor(request, stream.state as S, request.context.newId);
    stream.state = fold({ ...request.decider, initialState: stream.state as S }, decided);
    stream.events.push(...appending);
    return decided;
  }

  /** Whether the actor may send this command, on the stream as planned so far: the refusal, or null. */
  async refusal<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<string | null> {
    return request.refuse((await this.stream(request)).state as S);
  }

  /** A stream's events as stored when the plan first read it (read once, then kept): what the plan decides on. */
  async history(streamId: string): Promise<readonly DomainEvent[]> {
    let history = this.stored.get(streamId);
    if (!history) {
      history = await this.store.readStream(streamId);
      this.stored.set(streamId, history);
    }
    return history;
  }

  get pendingStreams(): { streamId: string; revision: number; events: EventToAppend[] }[] {
    return [...this.streams]
      .filter(([, s]) => s.events.length > 0)
      .map(([streamId, s]) => ({ streamId, revision: s.revision, events: s.events }));
  }

  private async stream<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<PlannedStream> {
    const found = this.streams.get(request.streamId);
    if (found) return found;
    const history = await this.history(request.streamId);
    const planned: PlannedStream = {
      revision: history.length - 1,
      state: fold(request.decider, history as unknown as E[]),
      events: [],
    };
    this.streams.set(request.streamId, planned);
    return planned;
  }
}

/**
 * The one way anything is written: read the stream, fold it, authorise, check references, decide,
 * and append at the revision that was read. The append is awaited; a refusal appends nothing.
 * The fold starts from the state the last command on the stream left, checked against the log (folded-stream-cache.ts).
 */
@Injectable()
export class StreamCommandRunner {
  private readonly money: LedgerMoneyGuard;
  private readonly folded = new FoldedStreamCache();
  private readonly turns = new StreamTurns();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.money = new LedgerMoneyGuard(store);
  }

  /** Commands on one stream take turns in this process, so that they do not make each other retry. */
  run<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<WriteResult> {
    return this.turns.take(request.streamId, () => this.runNow(request));
  }

  private async runNow<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<WriteResult> {
    const { decider, streamId, context } = request;
    const clientRevision = context.expectedRevision;
    for (let attempt = 1; ; attempt++) {
      if (context.idempotentEventIdAt) {
        // a retried command must find its first answer: only keyed commands look through the whole stream
        const applied = alreadyApplied(streamId, await this.store.readStream(streamId), context);
        if (applied) return applied;
      }
      const { state, revision } = await this.folded.load(this.store, decider, streamId);
      if (clientRevision !== undefined && clientRevision !== revision) {
        throw new ConcurrencyConflictError(streamId, clientRevision, revision);
      }
      const { appending } = await eventsFor(request, state, attemptIds(context));
      try {
        const result = await this.money.admit(appending, () =>
          this.store.append(streamId, appending, revision === -1 ? 'no_stream' : revision),
        );
        return {
          streamId,
          revision: result.nextRevision,
          position: result.position,
          eventIds: appending.map((e) => e.eventId),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (clientRevision !== undefined || attempt >= MAX_ATTEMPTS) {
          throw new ConcurrencyConflictError(streamId, clientRevision ?? revision, error.actual);
        }
      }
    }
  }

  /** A new, empty plan over the store as it is now. */
  plan(): CommandPlan {
    return new CommandPlan(this.store);
  }

  /**
   * Appends a plan: one append per stream, all its planned events at once, at the revision the plan read. Each
   * stream is all or nothing; if another writer moved a stream on since it was read, that stream and the ones
   * after it are not appended and a ConcurrencyConflictError says how far the commit got.
   */
  async commit(
    plan: CommandPlan,
    onProgress?: (eventsAppended: number) => void,
  ): Promise<{ streams: number; events: number }> {
    let events = 0;
    let streams = 0;
    for (const { streamId, revision, events: appending } of plan.pendingStreams) {
      try {
        await this.money.admit(appending, () =>
          this.store.append(streamId, appending, revision === -1 ? 'no_stream' : revision),
        );
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) {
          throw new PartialCommitError(streamId, revision, error.actual, streams, events);
        }
        throw error;
      }
      streams += 1;
      events += appending.length;
      onProgress?.(events);
    }
    return { streams, events };
  }
}

/** A plan's commit stopped at a stream another writer had moved on; the streams before it were appended. */
export class PartialCommitError extends ConcurrencyConflictError {
  constructor(
    streamId: string,
    expected: number,
    actual: number,
    readonly streamsCommitted: number,
    readonly eventsCommitted: number,
  ) {
    super(streamId, expected, actual);
    this.message = `${this.message} (${eventsCommitted} events in ${streamsCommitted} streams were appended before it)`;
  }
}

/**
 * Event ids for one attempt at a command. With an Idempotency-Key they start again from the key's first id on
 * every attempt, so that whichever attempt was appended, a later retry finds it (alreadyApplied).
 */
function attemptIds(context: CommandContext): () => string {
  const idAt = context.idempotentEventIdAt;
  if (!idAt) return context.newId;
  let next = 0;
  return () => idAt(next++);
}

/**
 * The result of this very command if the stream already holds its key-derived events (a retry after a lost
 * answer): the decided events carry the key's ids 0…k-1, and any preface (restatements) just before them k, k+1, ….
 */
function alreadyApplied(
  streamId: string,
  history: readonly RecordedEvent[],
  context: CommandContext,
): WriteResult | null {
  const idAt = context.idempotentEventIdAt;
  if (!idAt) return null;
  const firstId = idAt(0);
  const first = history.findIndex((e) => e.eventId === firstId);
  if (first < 0) return null;
  let last = first;
  while (last + 1 < history.length && history[last + 1].eventId === idAt(last + 1 - first)) last += 1;
  const decidedCount = last - first + 1;
  const prefaceId = idAt(decidedCount);
  const prefaceStart = history.findIndex((e, i) => i < first && e.eventId === prefaceId);
  const start =
    prefaceStart >= 0 && history.slice(prefaceStart, first).every((e, j) => e.eventId === idAt(decidedCount + j))
      ? prefaceStart
      : first;
  const events = history.slice(start, last + 1);
  return {
    streamId,
    revision: events[events.length - 1].revision,
    position: events[events.length - 1].position,
    eventIds: events.map((e) => e.eventId),
  };
}
