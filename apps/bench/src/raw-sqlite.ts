import Database from 'better-sqlite3';
import { SQLITE_PRAGMAS, SQLITE_SCHEMA, SqliteEventRow } from '@benefit-ledger/event-store';
import { EventRowValues } from '@benefit-ledger/testing';

/** The baseline: plain better-sqlite3 on a file with the adapter's schema and pragmas. */
export function openRaw(file: string): Database.Database {
  const db = new Database(file);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  db.exec(SQLITE_SCHEMA);
  return db;
}

/**
 * Returns a function that inserts one row in its own BEGIN IMMEDIATE … COMMIT (the adapter also
 * uses `.immediate`), with a statement prepared once. With WAL + synchronous=FULL every commit fsyncs.
 */
export function rawSingleRowAppender(db: Database.Database): (row: EventRowValues) => void {
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const appendOne = db.transaction((row: EventRowValues) => {
    insert.run(row.eventId, row.streamId, row.revision, row.type, row.data, row.metadata);
  });
  return (row) => appendOne.immediate(row);
}

/** Every row with its stored columns, in log order (for checking that two files hold the same rows). */
export function allRows(db: Database.Database): EventRowValues[] {
  return (db.prepare('SELECT * FROM events ORDER BY position').all() as SqliteEventRow[]).map((row) => ({
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  }));
}

export interface ReadTally {
  events: number;
  /** Sum of data.amountPence: consumes the parsed JSON so the work cannot be skipped, and cross-checks port vs raw. */
  amountPence: number;
}

/**
 * The whole log in one `.iterate()` over `SELECT * … ORDER BY position`, JSON.parse of data and
 * metadata per row, building the same RecordedEvent-shaped object the adapter yields.
 */
export function rawReadAll(db: Database.Database): ReadTally {
  const tally: ReadTally = { events: 0, amountPence: 0 };
  for (const row of db
    .prepare('SELECT * FROM events ORDER BY position')
    .iterate() as IterableIterator<SqliteEventRow>) {
    const event = {
      eventId: row.event_id,
      streamId: row.stream_id,
      revision: row.revision,
      position: row.position,
      type: row.type,
      data: JSON.parse(row.data) as Record<string, unknown>,
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    };
    tally.events += 1;
    tally.amountPence += event.data.amountPence as number;
  }
  return tally;
}

export function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}
