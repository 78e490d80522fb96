import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CorruptEventError, DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import {
  AppendResult, EventHandler, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, RecordedEvent,
  StoredMetadata, SubscribeOptions, Subscription, matchesStreamPrefixes,
} from '../event-store.port';
import { checkExpectedRevision } from '../expected-revision';
import { GENESIS_HASH, canonicalJson, eventHash } from '../hash-chain';
import { SQLITE_PRAGMAS, SQLITE_SCHEMA, SqliteEventRow } from './sqlite-schema';
import { upgradeStoredJsonForm } from './stored-json-form';

/** How often a live subscription looks for appends made by another process on the same file. */
const POLL_MS = 200;

/**
 * The embedded default: the whole log in one SQLite file (better-sqlite3, WAL, synchronous=FULL). Each event's data and
 * metadata are stored as their RFC 8785 canonical JSON, the very bytes its hash covers (stored-json-form.ts).
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly statements;
  private readonly appendTransaction: Database.Transaction<(s: string, e: EventToAppend[], x: ExpectedRevision) => AppendResult>;
  private closed = false;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    for (const pragma of SQLITE_PRAGMAS) this.db.pragma(pragma);
    this.db.exec(SQLITE_SCHEMA);
    upgradeStoredJsonForm(this.db);
    this.appended.setMaxListeners(0);
    this.statements = {
      head: this.db.prepare<[string], { revision: number; metadata: string; position: number }>(
        'SELECT revision, metadata, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      byEventId: this.db.prepare<[string], { stream_id: string; revision: number; type: string; position: number }>(
        'SELECT stream_id, revision, type, position FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)'),
      stream: this.db.prepare<[string], SqliteEventRow>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision'),
      page: this.db.prepare<[number, number], SqliteEventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      atPositions: this.db.prepare<[string], SqliteEventRow>('SELECT * FROM events WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position'),
    };
    this.appendTransaction = this.db.transaction((s, e, x) => this.appendInTransaction(s, e, x));
  }

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new TypeError('append needs at least one event');
    // BEGIN IMMEDIATE: take the write lock before reading the head, so the revision check holds.
    const result = this.appendTransaction.immediate(streamId, events, expected);
    this.appended.emit('appended', result.position);
    return result;
  }

  private appendInTransaction(streamId: string, events: EventToAppend[], expected: ExpectedRevision): AppendResult {
    const replay = this.idempotentReplay(streamId, events);
    if (replay) return replay;

    const head = this.statements.head.get(streamId);
    const current = head ? head.revision : -1;
    checkExpectedRevision(streamId, expected, current);

    let prevHash = head ? (JSON.parse(head.metadata) as StoredMetadata).hash : GENESIS_HASH;
    let revision = current;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const hash = eventHash({ streamId, revision, eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata, prevHash });
      const metadata: StoredMetadata = { ...event.metadata, eventId: event.eventId, prevHash, hash };
      const info = this.statements.insert.run(event.eventId, streamId, revision, event.type, canonicalJson(event.data), canonicalJson(metadata));
      position = Number(info.lastInsertRowid);
      prevHash = hash;
    }
    return { nextRevision: revision, position };
  }

  /** Appending events whose ids are already stored, in the same place, is a no-op answered as the first time. */
  private idempotentReplay(streamId: string, events: EventToAppend[]): AppendResult | null {
    const found = events.map((e) => this.statements.byEventId.get(e.eventId));
    if (found.every((f) => f === undefined)) return null;
    const first = found[0];
    const sameAppend = first !== undefined && found.every((f, i) =>
      f !== undefined && f.stream_id === streamId && f.revision === first.revision + i && f.type === events[i].type);
    if (!sameAppend) {
      const at = found.findIndex((f) => f !== undefined);
      throw new DuplicateEventIdError(events[at].eventId, 'was already appended in a different append');
    }
    const last = found[found.length - 1]!;
    return { nextRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.statements.stream.all(streamId).map(toRecorded);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after ?? 0;
    const batchSize = options.batchSize ?? 2000;
    const excluded = options.excludeTypes ?? [];
    // The excluded types as bound parameters, one `?` each: SQLite then tests each row against a small fixed list.
    const page: Database.Statement<unknown[], SqliteEventRow> = excluded.length === 0 ? this.statements.page : this.db.prepare(
      `SELECT * FROM events WHERE position > ? AND type NOT IN (${excluded.map(() => '?').join(', ')}) ORDER BY position LIMIT ?`);
    for (;;) {
      // Pages rather than one long iterator: an open better-sqlite3 iterator would block appends.
      const rows = page.all(after, ...excluded, batchSize); // with nothing excluded, the spread adds no parameter
      for (const row of rows) yield toRecorded(row);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1].position;
    }
  }

  /** The events at these global positions, in log order (a rebuild reads the few its SQL leaves to the fold). */
  readPositions(positions: readonly number[]): RecordedEvent[] {
    return positions.length === 0 ? [] : this.statements.atPositions.all(JSON.stringify(positions)).map(toRecorded);
  }

  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription {
    let stopped = false;
    let wake: (() => void) | null = null;
    const onAppend = () => wake?.();
    this.appended.on('appended', onAppend);
    const sleep = () => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      wake = () => { clearTimeout(timer); resolve(); };
    });
    const run = (async () => {
      let after = options.after ?? 0;
      try {
        while (!stopped && !this.closed) {
          let delivered = 0;
          for await (const event of this.readAll({ after })) {
            if (stopped) return;
            if (matchesStreamPrefixes(event.streamId, options.streamPrefixes)) await handler(event);
            after = event.position;
            delivered += 1;
          }
          if (delivered === 0) await sleep();
          wake = null;
        }
      } catch (error) {
        if (!stopped) options.onError?.(error);
      } finally {
        this.appended.off('appended', onAppend);
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        wake?.();
        await run;
      },
    };
  }

  async headPosition(): Promise<number> {
    return this.headPositionNow();
  }

  /** The same, synchronously (for progress bars). */
  headPositionNow(): number {
    const row = this.db.prepare('SELECT MAX(position) AS p FROM events').get() as { p: number | null };
    return row.p ?? 0;
  }

  /**
   * The highest position ever issued (AUTOINCREMENT's sqlite_sequence). Positions are never reused and, in
   * normal operation, never skipped, so positions missing below it are events deleted from the file.
   */
  async highestIssuedPosition(): Promise<number> {
    const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appended.emit('appended', 0);
    this.db.close();
  }
}

function toRecorded(row: SqliteEventRow): RecordedEvent {
  let data: Record<string, unknown>;
  let metadata: StoredMetadata;
  try {
    data = JSON.parse(row.data);
    metadata = JSON.parse(row.metadata);
  } catch (error) {
    throw new CorruptEventError(row.position, row.stream_id, row.revision, `stored JSON does not parse (${(error as Error).message})`);
  }
  return {
    eventId: row.event_id, streamId: row.stream_id, revision: row.revision, position: row.position, type: row.type, data, metadata,
    storedJson: { data: row.data, metadata: row.metadata },
  };
}
