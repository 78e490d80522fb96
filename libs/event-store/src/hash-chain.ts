import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { EventMetadata, EventToAppend, RecordedEvent, StoredMetadata } from './event-store.port';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashInput {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  /** The appender's metadata (without eventId, prevHash and hash). */
  metadata: EventMetadata;
  prevHash: string;
}

/**
 * The canonical bytes an event's hash covers: RFC 8785 (JCS) JSON of
 * {streamId, revision, eventId, type, data, metadata, prevHash}. Documented so that anyone can
 * recompute it with a JCS implementation and sha256.
 */
export function canonicalEvent(input: HashInput): string {
  return canonicalJson({
    streamId: input.streamId,
    revision: input.revision,
    eventId: input.eventId,
    type: input.type,
    data: input.data,
    metadata: input.metadata,
    prevHash: input.prevHash,
  });
}

/**
 * A value's RFC 8785 (JCS) canonical JSON. The embedded store keeps each event's data and metadata in exactly this
 * form, so the stored bytes are the bytes the hash covers (JCS nests: the canonical event holds them verbatim).
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}

export function eventHash(input: HashInput): string {
  return createHash('sha256').update(canonicalEvent(input), 'utf8').digest('hex');
}

/**
 * The metadata an event is stored with once chained onto the event before it in its stream: the appender's metadata
 * plus eventId, prevHash and its own hash. Every writer of stored rows (both adapters, the bench's raw baseline)
 * chains through this one function, so they agree byte for byte.
 */
export function chainedMetadata(
  streamId: string,
  revision: number,
  event: EventToAppend,
  prevHash: string,
): StoredMetadata {
  const { eventId, type, data, metadata } = event;
  const hash = eventHash({ streamId, revision, eventId, type, data, metadata, prevHash });
  return { ...metadata, eventId, prevHash, hash };
}

/** What a recorded event's hash covers, from the event as stored (its integrity fields set aside). */
export function hashInputOf(event: RecordedEvent): HashInput {
  return {
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: appenderMetadata(event.metadata),
    prevHash: event.metadata.prevHash,
  };
}

/** Splits stored metadata into the appender's part (what the hash covers) and the integrity fields. */
export function appenderMetadata(
  stored: EventMetadata & { eventId?: string; prevHash?: string; hash?: string },
): EventMetadata {
  const { eventId: _e, prevHash: _p, hash: _h, ...rest } = stored;
  return rest;
}
