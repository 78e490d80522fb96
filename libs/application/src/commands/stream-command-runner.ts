import { Inject, Injectable } from '@nestjs/common';
import { Decider, DomainEvent, fold } from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore, EventToAppend, RecordedEvent, WrongExpectedRevisionError } from '@benefit-ledger/event-store';
import { ConcurrencyConflictError, ForbiddenError } from '../application-errors';
import { CommandContext, WriteResult } from './command-context';

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
   * Checks against other streams once the events are decided (e.g. the period lock); throws to refuse, or
   * answers events to record in the same append just before the decided ones (a restatement).
   */
  preface?: (state: S, decided: { eventId: string; type: string }[]) => Promise<DomainEvent[]>;
}

/**
 * The one way anything is written: read the stream, fold it, authorise, check references, decide, check
 * against other streams (the period lock), and append at the revision that was read, in one append.
 * The append is awaited; a refusal appends nothing.
 */
@Injectable()
export class StreamCommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<WriteResult> {
    const { decider, streamId, command, context } = request;
    const clientRevision = context.expectedRevision;
    for (let attempt = 1; ; attempt++) {
      const history = await this.store.readStream(streamId);
      const applied = alreadyApplied(streamId, history, context);
      if (applied) return applied;
      const revision = history.length - 1;
      if (clientRevision !== undefined && clientRevision !== revision) {
        throw new ConcurrencyConflictError(streamId, clientRevision, revision);
      }
      const state = fold(decider, history as unknown as E[]);
      const refusal = request.refuse(state);
      if (refusal) throw new ForbiddenError(refusal);
      await request.checkReferences?.(state);
      const decided = decider.decide(command, state).map((event) => toAppendable(event, context));
      const preface = (await request.preface?.(state, decided.map(({ eventId, type }) => ({ eventId, type })))) ?? [];
      const toAppend = [...preface.map((event) => toAppendable(event, context)), ...decided];
      try {
        const result = await this.store.append(streamId, toAppend, revision === -1 ? 'no_stream' : revision);
        return { streamId, revision: result.nextRevision, position: result.position, eventIds: toAppend.map((e) => e.eventId) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (clientRevision !== undefined || attempt >= MAX_ATTEMPTS) {
          throw new ConcurrencyConflictError(streamId, clientRevision ?? revision, error.actual);
        }
      }
    }
  }
}

/** The result of this very command if the stream already holds its key-derived events (a retry after a lost answer). */
function alreadyApplied(streamId: string, history: readonly RecordedEvent[], context: CommandContext): WriteResult | null {
  const idAt = context.idempotentEventIdAt;
  if (!idAt) return null;
  const first = history.findIndex((e) => e.eventId === idAt(0));
  if (first < 0) return null;
  let last = first;
  while (last + 1 < history.length && history[last + 1].eventId === idAt(last + 1 - first)) last += 1;
  const events = history.slice(first, last + 1);
  return { streamId, revision: events[events.length - 1].revision, position: events[events.length - 1].position, eventIds: events.map((e) => e.eventId) };
}

/** A decided event as the store takes it: a fresh id and the appender's metadata from the command's context. */
function toAppendable(event: DomainEvent, context: CommandContext): EventToAppend {
  return {
    eventId: context.newId(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      recordedAt: context.now.toISOString(),
      actor: { userId: context.actor.userId, organisationId: context.actor.organisationId, role: context.actor.role },
      correlationId: context.correlationId,
      causationId: context.causationId,
      schemaVersion: SCHEMA_VERSION,
    },
  };
}
