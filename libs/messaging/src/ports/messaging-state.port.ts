/**
 * What the relay and the consumer must remember across restarts. Adapters: a SQLite file in DATA_DIR next
 * to the embedded log (state/sqlite-messaging-state.ts), or streams in EventStoreDB beside the log
 * (state/eventstoredb-messaging-state.ts), so that every deployment that can reach the log can reach it.
 */

/** How far the relay has published: saved only after the broker acknowledged everything it covers. */
export interface RelayCheckpoint {
  /** Global log position of the last event whose public form (and statements) the broker acknowledged; 0 before any. */
  position: number;
  /** Content hash of the last statement acknowledged, per statement key (`<partnershipId>|<financialYear>`). */
  statements: Record<string, string>;
}

export interface StoredRelayCheckpoint extends RelayCheckpoint {
  /** Increases with every save; -1 before the first. Saves are compare-and-set on it. */
  revision: number;
}

export const NO_CHECKPOINT: StoredRelayCheckpoint = { position: 0, statements: {}, revision: -1 };

/** Thrown when the checkpoint moved under the relay: another relay is publishing from the same log. */
export class CheckpointConflictError extends Error {
  constructor(expectedRevision: number, actualRevision: number) {
    super(
      `the relay checkpoint is at revision ${actualRevision}, not ${expectedRevision}: another relay is running against this log; run exactly one`,
    );
    this.name = 'CheckpointConflictError';
  }
}

export type ConsumedOutcome = 'accepted' | 'duplicate' | 'dead-lettered';

export interface ConsumedRecord {
  topic: string;
  messageId: string;
  outcome: ConsumedOutcome;
  /** Why it was dead-lettered. */
  reason: string | null;
  consumedAt: string;
}

export interface MessagingState {
  relayCheckpoint(): Promise<StoredRelayCheckpoint>;
  /** Saves durably if the stored revision is still `expectedRevision` (else CheckpointConflictError); answers the new revision. */
  saveRelayCheckpoint(checkpoint: RelayCheckpoint, expectedRevision: number): Promise<number>;
  /** The record of a message already handled from this topic, or null. */
  consumed(topic: string, messageId: string): Promise<ConsumedRecord | null>;
  /** Remembers durably that a message was handled; remembering it again keeps the first record. */
  rememberConsumed(record: ConsumedRecord): Promise<void>;
  close(): Promise<void>;
}
