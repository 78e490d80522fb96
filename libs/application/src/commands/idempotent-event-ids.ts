import { RecordedEvent } from '@benefit-ledger/event-store';
import { CommandContext, WriteResult } from './command-context';

/**
 * Event ids for one attempt at a command. With an Idempotency-Key they start again from the key's first id on
 * every attempt, so that whichever attempt was appended, a later retry finds it (alreadyApplied).
 */
export function attemptIds(context: CommandContext): () => string {
  const idAt = context.idempotentEventIdAt;
  if (!idAt) return context.newId;
  let next = 0;
  return () => idAt(next++);
}

/**
 * The result of this very command if the stream already holds its key-derived events (a retry after a lost
 * answer): the decided events carry the key's ids 0…k-1, and any preface (restatements) just before them k, k+1, ….
 */
export function alreadyApplied(
  streamId: string,
  history: readonly RecordedEvent[],
  context: CommandContext,
): WriteResult | null {
  const idAt = context.idempotentEventIdAt;
  if (!idAt) return null;
  const firstId = idAt(0);
  const first = history.findIndex((event) => event.eventId === firstId);
  if (first < 0) return null;
  let last = first;
  while (last + 1 < history.length && history[last + 1].eventId === idAt(last + 1 - first)) last += 1;
  const decidedCount = last - first + 1;
  const prefaceId = idAt(decidedCount);
  const prefaceStart = history.findIndex((event, index) => index < first && event.eventId === prefaceId);
  const start =
    prefaceStart >= 0 &&
    history.slice(prefaceStart, first).every((event, offset) => event.eventId === idAt(decidedCount + offset))
      ? prefaceStart
      : first;
  const events = history.slice(start, last + 1);
  return {
    streamId,
    revision: events[events.length - 1].revision,
    position: events[events.length - 1].position,
    eventIds: events.map((event) => event.eventId),
  };
}
