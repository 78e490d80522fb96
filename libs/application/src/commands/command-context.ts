import { Actor } from '@benefit-ledger/domain';

/** Everything a command needs from outside the domain: who, when, which ids, and concurrency. */
export interface CommandContext {
  actor: Actor;
  /** When the command was received; becomes every new event's recordedAt. */
  now: Date;
  /** Makes event ids, unless `idempotentEventIdAt` is set. */
  newId: () => string;
  correlationId: string;
  /** The request or message that caused these events. */
  causationId: string;
  /** The stream revision the client last read (If-Match); absent: read, decide and retry on conflict. */
  expectedRevision?: number;
  /**
   * With an Idempotency-Key, the i-th event id, derived from the key: the runner takes event ids from this instead
   * of `newId`, starting again at 0 on every attempt. If the stream already holds them, the command was applied
   * before (its answer was lost) and that result is answered.
   */
  idempotentEventIdAt?: (index: number) => string;
  /** Present when the request restates a closed financial year's figures (see the period lock). */
  restatement?: { reason: string };
}

/** What every write answers: where the events landed. */
export interface WriteResult {
  streamId: string;
  revision: number;
  position: number;
  eventIds: string[];
}
