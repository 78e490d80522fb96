/**
 * One table is the log. `position` is the global order; (stream_id, revision) is unique, so two
 * appenders racing for the same revision cannot both win. The pragmas make a commit durable
 * (WAL + synchronous=FULL fsyncs the WAL at every commit) before an append is acknowledged.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 5000', 'foreign_keys = ON'];

export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id   TEXT    NOT NULL UNIQUE,
  stream_id  TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  metadata   TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
`;

/** A row of the events table, as better-sqlite3 returns it. */
export interface SqliteEventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}
