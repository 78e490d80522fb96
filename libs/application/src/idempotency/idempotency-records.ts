import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@benefit-ledger/domain';
import {
  EVENT_STORE,
  EventStore,
  EventToAppend,
  ReadEvent,
  WrongExpectedRevisionError,
} from '@benefit-ledger/event-store';
import { eventMetadata } from '../commands/stream-command-runner';
import { IdempotencyScope, idempotencyStreamId, legacyIdempotencyStreamId } from './idempotency-key';

export const IDEMPOTENT_RESPONSE_RECORDED = 'IdempotentResponseRecorded';

export interface RecordedResponse {
  requestHash: string;
  method: string;
  path: string;
  statusCode: number;
  body: unknown;
}

/** The one event of an idempotency stream. */
type IdempotentResponse = { type: typeof IDEMPOTENT_RESPONSE_RECORDED; data: RecordedResponse };

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; statusCode: number; body: unknown }
  | { kind: 'reused'; first: { method: string; path: string } };

/**
 * Idempotency-Key (docs/design.md#integrity), kept in the event store so that both adapters and every API replica share it:
 * one stream per (user, organisation, role, key) holding the first successful answer. Only successes are
 * recorded, so a refused request (400/403/409/422) appends nothing and may be retried with the same key.
 */
@Injectable()
export class IdempotencyRecords {
  /** Answers being recorded, and whether the store's notice said their append wrote them (rather than replayed a twin's). */
  private readonly recording = new Map<readonly EventToAppend[], boolean>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    store.onAppended?.((appends) => {
      for (const { events, written } of appends) if (this.recording.has(events)) this.recording.set(events, written);
    });
  }

  async lookup(scope: IdempotencyScope, key: string, requestHash: string): Promise<IdempotencyLookup> {
    const first = await this.firstAnswer(scope, key);
    if (!first) return { kind: 'new' };
    const recorded = first.data;
    if (recorded.requestHash !== requestHash)
      return { kind: 'reused', first: { method: recorded.method, path: recorded.path } };
    return { kind: 'replay', statusCode: recorded.statusCode, body: recorded.body };
  }

  /**
   * The answer recorded for this scope and key: in its own stream, or else one an older version recorded under the
   * user alone, if it was given to the same organisation and role (the actor on its metadata). An older answer
   * given to another organisation or role is not this scope's: the request is new.
   */
  private async firstAnswer(scope: IdempotencyScope, key: string): Promise<ReadEvent<IdempotentResponse> | undefined> {
    const first = (await this.store.readStreamOf<IdempotentResponse>(idempotencyStreamId(scope, key))).at(0);
    if (first) return first;
    const legacy = (await this.store.readStreamOf<IdempotentResponse>(legacyIdempotencyStreamId(scope.userId, key))).at(
      0,
    );
    const actor = legacy?.metadata.actor;
    return actor && actor.organisationId === scope.organisationId && actor.role === scope.role ? legacy : undefined;
  }

  /**
   * Records the first answer. If a twin recorded first, its lookup is answered instead: with the same body it is the
   * same command (same key-derived event ids, collapsed into one append); with a different body this request is 'reused'.
   */
  async record(
    actor: Actor,
    key: string,
    response: RecordedResponse,
    context: { now: Date; eventId: string; correlationId: string; causationId: string },
  ): Promise<IdempotencyLookup> {
    const events: EventToAppend[] = [
      {
        eventId: context.eventId,
        type: IDEMPOTENT_RESPONSE_RECORDED,
        data: { ...response },
        metadata: eventMetadata({ ...context, actor }),
      },
    ];
    this.recording.set(events, false);
    try {
      await this.store.append(idempotencyStreamId(actor, key), events, 'no_stream');
      // Written by this very append (the store's notice says so): the answer recorded is this one.
      if (this.recording.get(events) === true) return { kind: 'new' };
      // Answered as a replay (or the store gives no notices): a twin with a different body may have recorded first under
      // the same key-derived event id (appends committed together race for real): whose answer is it?
      const stored = await this.lookup(actor, key, response.requestHash);
      return stored.kind === 'reused' ? stored : { kind: 'new' };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      return await this.lookup(actor, key, response.requestHash);
    } finally {
      this.recording.delete(events);
    }
  }
}
