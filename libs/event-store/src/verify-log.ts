import { CorruptEventError } from './errors';
import { EventStore } from './event-store.port';
import { GENESIS_HASH, appenderMetadata, eventHash } from './hash-chain';

export interface BrokenEvent {
  streamId: string;
  revision: number;
  position: number;
  eventId: string | null;
  type: string | null;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  streams: number;
  firstBroken?: BrokenEvent;
}

/**
 * Recomputes every stream's hash chain over the global log and names the first event that does not
 * match: a changed byte (hash), a missing or inserted event (revision gap), a reordering (prevHash).
 */
export async function verifyLog(store: EventStore, onProgress?: (eventsChecked: number) => void): Promise<VerifyReport> {
  const heads = new Map<string, { revision: number; hash: string }>();
  let events = 0;
  const broken = (b: BrokenEvent): VerifyReport => ({ ok: false, events, streams: heads.size, firstBroken: b });
  try {
    for await (const event of store.readAll()) {
      const head = heads.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
      const where = { streamId: event.streamId, revision: event.revision, position: event.position, eventId: event.eventId, type: event.type };
      if (event.revision !== head.revision + 1) {
        return broken({ ...where, reason: `revision ${event.revision} follows ${head.revision}: an event is missing or was inserted` });
      }
      if (event.metadata.eventId !== event.eventId) {
        return broken({ ...where, reason: `metadata.eventId '${event.metadata.eventId}' differs from the stored event id` });
      }
      if (event.metadata.prevHash !== head.hash) {
        return broken({ ...where, reason: `prevHash does not match the hash of ${event.streamId}@${head.revision}: events were reordered, removed or replaced` });
      }
      const recomputed = eventHash({
        streamId: event.streamId, revision: event.revision, eventId: event.eventId, type: event.type,
        data: event.data, metadata: appenderMetadata(event.metadata), prevHash: event.metadata.prevHash,
      });
      if (recomputed !== event.metadata.hash) {
        return broken({ ...where, reason: `content does not match its hash (stored ${event.metadata.hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…): the event's type, data or metadata was changed` });
      }
      heads.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
      events += 1;
      if (onProgress && events % 1000 === 0) onProgress(events);
    }
  } catch (error) {
    if (error instanceof CorruptEventError) {
      return broken({ streamId: error.streamId, revision: error.revision, position: error.position, eventId: null, type: null, reason: error.message });
    }
    throw error;
  }
  onProgress?.(events);
  return { ok: true, events, streams: heads.size };
}
