import { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import { CorruptEventError } from '../errors';
import { INTERNAL_STREAM_PREFIX, RecordedEvent, StoredMetadata } from '../event-store.port';

/** What servers before 22.6 report as the $all position of an event read from its stream. */
const NO_POSITION = 18446744073709551615n;

/** An event as the client reads it, from a stream or from $all. */
export type AnyResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

/** Every item of a client read, in order. */
export async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/**
 * Excludes system events ($-types such as $metadata, $> links, $statsCollected), system streams and the
 * infrastructure's bookkeeping streams (INTERNAL_STREAM_PREFIX: the Kafka relay's checkpoint, consumed message ids).
 */
export function isOurs<R extends AnyResolvedEvent>(resolved: R): resolved is R & { event: NonNullable<R['event']> } {
  const event = resolved.event;
  return (
    event !== undefined &&
    !event.type.startsWith('$') &&
    !event.streamId.startsWith('$') &&
    !event.streamId.startsWith(INTERNAL_STREAM_PREFIX)
  );
}

/** The event a resolved read carries; only a link to a deleted event comes without one. */
export function eventOf<R extends AnyResolvedEvent>(resolved: R): NonNullable<R['event']> {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB returned a link without its event');
  return event;
}

export function positionOf(resolved: AnyResolvedEvent): number {
  const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
  if (commit === undefined || commit === NO_POSITION) {
    throw new Error(
      `EventStoreDB did not report the $all position of ${resolved.event?.streamId}@${resolved.event?.revision} (stream reads carry it from server 22.6)`,
    );
  }
  return Number(commit);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function toRecorded(resolved: AnyResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB returned a link without its event');
  const position = positionOf(resolved);
  const revision = Number(event.revision);
  // The client falls back to the raw string / bytes when stored JSON does not parse.
  if (!event.isJson || !isJsonObject(event.data) || !isJsonObject(event.metadata)) {
    throw new CorruptEventError(position, event.streamId, revision, 'stored data or metadata is not a JSON object');
  }
  return {
    eventId: event.id,
    streamId: event.streamId,
    revision,
    position,
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as StoredMetadata,
  };
}
