import { ExpectedRevision } from './event-store.port';

/** The stream's revision was not what the appender expected (optimistic concurrency). */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(
      `stream '${streamId}' expected revision ${String(expected)} but it is at ${actual === -1 ? 'no stream' : actual}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id was appended before with different content or to a different place. */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly eventId: string,
    reason: string,
  ) {
    super(`event id '${eventId}' ${reason}`);
    this.name = 'DuplicateEventIdError';
  }
}

/** A stored event could not be read back (e.g. its JSON was damaged). */
export class CorruptEventError extends Error {
  constructor(
    readonly position: number,
    readonly streamId: string,
    readonly revision: number,
    reason: string,
  ) {
    super(`event at position ${position} (${streamId}@${revision}) is unreadable: ${reason}`);
    this.name = 'CorruptEventError';
  }
}
