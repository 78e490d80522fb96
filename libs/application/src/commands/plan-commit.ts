import { AppendResult, EventToAppend, WrongExpectedRevisionError } from '@benefit-ledger/event-store';
import { ConcurrencyConflictError } from '../application-errors';
import { PendingStream } from './command-plan';

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
 * Appends a plan's streams in order, one append each at the revision the plan read. Each stream is all or nothing;
 * if another writer moved a stream on since it was read, that stream and the ones after it are not appended and a
 * PartialCommitError says how far the commit got.
 */
export async function commitStreams(
  pending: readonly PendingStream[],
  append: (streamId: string, events: EventToAppend[], revision: number) => Promise<AppendResult>,
  onProgress?: (eventsAppended: number) => void,
): Promise<{ streams: number; events: number }> {
  let events = 0;
  let streams = 0;
  for (const { streamId, revision, events: appending } of pending) {
    try {
      await append(streamId, appending, revision);
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
