import {
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  Position,
  ReadPosition,
  START,
} from '@eventstore/db-client';
import { collect, eventOf, isOurs, positionOf } from './eventstoredb-resolved-events';

/** Events per page when reading $all. */
export const READ_ALL_PAGE = 1000;

/** The last event of ours in $all, read backwards past any system events. */
export async function headPosition(client: EventStoreDBClient): Promise<number> {
  let from: ReadPosition = END;
  for (;;) {
    const page: AllStreamResolvedEvent[] = await collect(
      client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: READ_ALL_PAGE }),
    );
    const last = page.find(isOurs);
    if (last) return positionOf(last);
    if (page.length < READ_ALL_PAGE) return 0;
    from = eventOf(page[page.length - 1]).position;
  }
}

/**
 * Where to start reading for events strictly after `after`. The server refuses positions that are not a
 * record boundary (e.g. an event's position minus one), so such a position is replaced by the position of
 * the last event at or before it; callers skip events at or before `after` either way.
 */
export async function startAfter(client: EventStoreDBClient, after: number): Promise<ReadPosition> {
  if (after <= 0) return START;
  const exact: Position = { commit: BigInt(after), prepare: BigInt(after) };
  try {
    await collect(client.readAll({ direction: FORWARDS, fromPosition: exact, maxCount: 1 }));
    return exact;
  } catch {
    // Not a readable position; fall back to scanning backwards from the end.
  }
  let from: ReadPosition = END;
  for (;;) {
    const page: AllStreamResolvedEvent[] = await collect(
      client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: READ_ALL_PAGE }),
    );
    const atOrBefore = page.find((resolved) => positionOf(resolved) <= after);
    if (atOrBefore) return eventOf(atOrBefore).position;
    if (page.length < READ_ALL_PAGE) return START;
    from = eventOf(page[page.length - 1]).position;
  }
}
