import { CommittedAppend, RecordedEvent } from './event-store.port';

/** Each notice's events, decoded once for every listener that asks (the cache of folded states, the read models). */
const decoded = new WeakMap<CommittedAppend, RecordedEvent[] | null>();

/**
 * The recorded events of a written append, as a read of the log would make them (the SQLite store's row decoding):
 * consecutive positions and revisions ending at the append's, data and metadata parsed from the text as stored.
 * Null when the notice does not carry the stored text. Decoded once per notice and shared by its listeners, which
 * treat them as they treat events read from the log: read-only.
 */
export function recordedEventsOf(append: CommittedAppend): RecordedEvent[] | null {
  let events = decoded.get(append);
  if (events === undefined) {
    events = decode(append);
    decoded.set(append, events);
  }
  return events;
}

function decode(append: CommittedAppend): RecordedEvent[] | null {
  const stored = append.stored;
  if (!stored || stored.length !== append.events.length) return null;
  const firstPosition = append.position - stored.length + 1;
  const firstRevision = append.nextRevision - stored.length + 1;
  return append.events.map((event, index) => ({
    eventId: event.eventId,
    streamId: append.streamId,
    revision: firstRevision + index,
    position: firstPosition + index,
    type: event.type,
    data: JSON.parse(stored[index].data) as Record<string, unknown>,
    metadata: JSON.parse(stored[index].metadata) as RecordedEvent['metadata'],
    storedJson: stored[index],
  }));
}
