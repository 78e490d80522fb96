import Database from 'better-sqlite3';
import { RecordedEvent } from '@benefit-ledger/event-store';
import {
  ConsumedRecord,
  EVENT_HEADERS,
  MessagingState,
  MessagingTopics,
  RelayCheckpoint,
  STATEMENT_HEADERS,
  StoredRelayCheckpoint,
  isPublished,
} from '../../src';
import { InMemoryBroker } from './in-memory-broker.double';

/**
 * "Never a checkpoint ahead of an acknowledgement", checked independently of the relay: every public event at
 * or before the checkpoint's position, and every statement hash the checkpoint remembers, must be among the
 * records the broker double acknowledged. `checkStored` reads the saved checkpoint with its own raw SQLite
 * connection; `checking(state)` checks every checkpoint the relay is about to save.
 */
export class AckInvariant {
  readonly violations: string[] = [];
  checks = 0;
  private log: RecordedEvent[] = [];

  constructor(
    private readonly broker: InMemoryBroker,
    private readonly topics: MessagingTopics,
    private readonly stateFile: string,
  ) {}

  /** The log to check against (read it again after appending). */
  useLog(log: RecordedEvent[]): this {
    this.log = log;
    return this;
  }

  check(checkpoint: RelayCheckpoint, when: string): void {
    this.checks += 1;
    const ackedEvents = new Set(
      this.broker.acknowledged(this.topics.events).map((r) => r.headers[EVENT_HEADERS.eventId]),
    );
    for (const e of this.log) {
      if (e.position <= checkpoint.position && isPublished(e.type) && !ackedEvents.has(e.eventId)) {
        this.violations.push(
          `${when}: checkpoint ${checkpoint.position} covers ${e.type} at ${e.position}, which the broker never acknowledged`,
        );
      }
    }
    const ackedStatements = new Set(
      this.broker
        .acknowledged(this.topics.statements)
        .map((r) => `${r.headers[STATEMENT_HEADERS.statementKey]} ${r.headers[STATEMENT_HEADERS.contentHash]}`),
    );
    for (const [key, hash] of Object.entries(checkpoint.statements)) {
      if (!ackedStatements.has(`${key} ${hash}`))
        this.violations.push(`${when}: checkpoint remembers statement ${key} ${hash.slice(0, 8)}, never acknowledged`);
    }
  }

  /** Checks the checkpoint as stored right now (raw read of the messaging-state file). */
  checkStored(when: string): void {
    const db = new Database(this.stateFile, { readonly: true });
    try {
      const row = db.prepare('SELECT position, statements FROM relay_checkpoint WHERE id = 1').get() as
        { position: number; statements: string } | undefined;
      this.check(
        row ? { position: row.position, statements: JSON.parse(row.statements) } : { position: 0, statements: {} },
        when,
      );
    } finally {
      db.close();
    }
  }

  /** The state, checking each checkpoint before it is saved; `failSaves` makes the next saves fail. */
  checking(state: MessagingState): MessagingState & { failSaves(n: number): void } {
    let failing = 0;
    return {
      relayCheckpoint: (): Promise<StoredRelayCheckpoint> => state.relayCheckpoint(),
      saveRelayCheckpoint: async (checkpoint: RelayCheckpoint, expectedRevision: number) => {
        this.check(checkpoint, `saving checkpoint ${checkpoint.position}`);
        if (failing > 0) {
          failing -= 1;
          throw new Error('injected: the messaging-state store is unavailable');
        }
        return state.saveRelayCheckpoint(checkpoint, expectedRevision);
      },
      consumed: (topic: string, messageId: string) => state.consumed(topic, messageId),
      rememberConsumed: (record: ConsumedRecord) => state.rememberConsumed(record),
      close: () => state.close(),
      failSaves: (n: number) => {
        failing = n;
      },
    };
  }
}
