import { randomUUID } from 'node:crypto';
import { ActorMetadata, AppendResult, EventStore, EventToAppend, ExpectedRevision } from '@benefit-ledger/event-store';

/**
 * Appends one event per call through the store port, as the application would: with the stream's expected
 * revision, a fresh correlation/causation id per command, schemaVersion 1 and the given actor. `recordedAt` comes
 * from a controllable clock: it starts at `startAt` and moves on `stepMs` after every event; `setClock` puts it
 * at an exact instant (for as-at tests).
 */
export class ClockedAppender {
  private clockMs: number;
  private readonly stepMs: number;
  private readonly revisions = new Map<string, number>();
  /** Everything appended, in order, with the position the store gave it. */
  readonly appended: { streamId: string; type: string; eventId: string; recordedAt: string; position: number }[] = [];

  constructor(
    readonly store: EventStore,
    options: { startAt?: string; stepMs?: number } = {},
  ) {
    this.clockMs = Date.parse(options.startAt ?? '2024-04-01T09:00:00.000Z');
    this.stepMs = options.stepMs ?? 1000;
  }

  /** The instant the next event will be recorded at. */
  get now(): string {
    return new Date(this.clockMs).toISOString();
  }

  setClock(instant: string): this {
    this.clockMs = Date.parse(instant);
    return this;
  }

  /**
   * Appends one event to a stream at the clock's instant. `expected` defaults to the revision this writer last
   * saw for the stream (or no stream); pass 'any' to append regardless (e.g. an event the decider would refuse).
   */
  async append(
    streamId: string,
    type: string,
    data: object,
    actor: ActorMetadata,
    expected?: ExpectedRevision,
  ): Promise<AppendResult> {
    const command = randomUUID();
    const recordedAt = this.now;
    const event: EventToAppend = {
      eventId: randomUUID(),
      type,
      data: data as Record<string, unknown>,
      metadata: {
        recordedAt,
        actor,
        correlationId: `corr-${command}`,
        causationId: `cmd-${command}`,
        schemaVersion: 1,
      },
    };
    const seen = this.revisions.get(streamId);
    const result = await this.store.append(streamId, [event], expected ?? (seen === undefined ? 'no_stream' : seen));
    this.revisions.set(streamId, result.nextRevision);
    this.appended.push({ streamId, type, eventId: event.eventId, recordedAt, position: result.position });
    this.clockMs += this.stepMs;
    return result;
  }
}
