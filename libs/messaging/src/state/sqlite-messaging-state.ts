import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import {
  CheckpointConflictError,
  ConsumedRecord,
  MessagingState,
  NO_CHECKPOINT,
  RelayCheckpoint,
  StoredRelayCheckpoint,
} from '../ports/messaging-state.port';

export const messagingStateFile = (dataDir: string) => join(dataDir, 'messaging.sqlite');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS relay_checkpoint (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  revision   INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  statements TEXT    NOT NULL,
  saved_at   TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS consumed_messages (
  topic       TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  reason      TEXT,
  consumed_at TEXT NOT NULL,
  PRIMARY KEY (topic, message_id)
) WITHOUT ROWID;
`;

interface CheckpointRow {
  revision: number;
  position: number;
  statements: string;
}

/** better-sqlite3 answers at once; behind the async port a throw becomes a rejection, as from an async method. */
const answer = <T>(work: () => T): Promise<T> =>
  new Promise((resolve) => {
    resolve(work());
  });
interface ConsumedRow {
  topic: string;
  message_id: string;
  outcome: ConsumedRecord['outcome'];
  reason: string | null;
  consumed_at: string;
}

/**
 * The messaging state of the embedded deployment: its own SQLite file beside the log (DATA_DIR/messaging.sqlite),
 * durable at every write (WAL, synchronous=FULL) because a checkpoint or a consumed id that is lost means a
 * duplicate, and one that runs ahead of the broker would mean a loss. Back it up with ledger.sqlite.
 */
export class SqliteMessagingState implements MessagingState {
  private readonly db: Database.Database;
  private readonly saveTransaction: (checkpoint: RelayCheckpoint, expectedRevision: number) => number;
  private readonly readCheckpoint: Database.Statement<[], CheckpointRow>;
  private readonly findConsumed: Database.Statement<[string, string], ConsumedRow>;
  private readonly insertConsumed: Database.Statement<[string, string, string, string | null, string]>;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    for (const pragma of ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 5000']) this.db.pragma(pragma);
    this.db.exec(SCHEMA);
    // prepared once: they run for every message consumed and every checkpoint saved
    this.readCheckpoint = this.db.prepare<[], CheckpointRow>(
      'SELECT revision, position, statements FROM relay_checkpoint WHERE id = 1',
    );
    this.findConsumed = this.db.prepare<[string, string], ConsumedRow>(
      'SELECT * FROM consumed_messages WHERE topic = ? AND message_id = ?',
    );
    this.insertConsumed = this.db.prepare<[string, string, string, string | null, string]>(
      'INSERT OR IGNORE INTO consumed_messages (topic, message_id, outcome, reason, consumed_at) VALUES (?, ?, ?, ?, ?)',
    );
    const upsert = this.db
      .prepare(`INSERT INTO relay_checkpoint (id, revision, position, statements, saved_at) VALUES (1, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, position = excluded.position, statements = excluded.statements, saved_at = excluded.saved_at`);
    const transaction = this.db.transaction((checkpoint: RelayCheckpoint, expectedRevision: number) => {
      const actual = this.readCheckpoint.get()?.revision ?? -1;
      if (actual !== expectedRevision) throw new CheckpointConflictError(expectedRevision, actual);
      upsert.run(actual + 1, checkpoint.position, JSON.stringify(checkpoint.statements), new Date().toISOString());
      return actual + 1;
    });
    this.saveTransaction = (checkpoint, expectedRevision) => transaction.immediate(checkpoint, expectedRevision);
  }

  relayCheckpoint(): Promise<StoredRelayCheckpoint> {
    return answer(() => {
      const row = this.readCheckpoint.get();
      return row
        ? {
            revision: row.revision,
            position: row.position,
            statements: JSON.parse(row.statements) as RelayCheckpoint['statements'],
          }
        : NO_CHECKPOINT;
    });
  }

  saveRelayCheckpoint(checkpoint: RelayCheckpoint, expectedRevision: number): Promise<number> {
    return answer(() => this.saveTransaction(checkpoint, expectedRevision));
  }

  consumed(topic: string, messageId: string): Promise<ConsumedRecord | null> {
    return answer(() => {
      const row = this.findConsumed.get(topic, messageId);
      return row
        ? {
            topic: row.topic,
            messageId: row.message_id,
            outcome: row.outcome,
            reason: row.reason,
            consumedAt: row.consumed_at,
          }
        : null;
    });
  }

  rememberConsumed(record: ConsumedRecord): Promise<void> {
    return answer(() => {
      this.insertConsumed.run(record.topic, record.messageId, record.outcome, record.reason, record.consumedAt);
    });
  }

  close(): Promise<void> {
    return answer(() => {
      if (this.db.open) this.db.close();
    });
  }
}
