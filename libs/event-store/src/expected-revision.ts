import { WrongExpectedRevisionError } from './errors';
import { ExpectedRevision } from './event-store.port';

/** The one meaning of an expected revision, for every adapter. `current` is -1 when the stream does not exist. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    (typeof expected === 'number' && expected === current);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, current);
}
