import Database from 'better-sqlite3';
import { GENESIS_HASH, SqliteEventRow, StoredMetadata, appenderMetadata, eventHash } from '../../src';

/**
 * What an insider with write access to the SQLite file can do, with raw better-sqlite3 (never through the
 * store). The hash chain has no key, so `rewriteStream` recomputes a consistent chain exactly as an informed
 * attacker would: only a seal (or an earlier published root) can tell.
 */
export class Tamper {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
  }

  rows(streamId: string): SqliteEventRow[] {
    return this.db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(streamId) as SqliteEventRow[];
  }

  row(where: string, ...params: unknown[]): SqliteEventRow {
    const row = this.db.prepare(`SELECT * FROM events WHERE ${where} ORDER BY position LIMIT 1`).get(...params) as SqliteEventRow | undefined;
    if (!row) throw new Error(`no event where ${where}`);
    return row;
  }

  set(position: number, column: 'data' | 'metadata' | 'type' | 'revision' | 'stream_id', value: string | number): void {
    const changed = this.db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(value, position);
    if (changed.changes !== 1) throw new Error(`no event at position ${position}`);
  }

  delete(position: number): void {
    this.db.prepare('DELETE FROM events WHERE position = ?').run(position);
  }

  /** Changes data of the stream's events through `edit` and recomputes every hash and prevHash after it: a consistent chain. */
  rewriteStream(streamId: string, edit: (data: Record<string, unknown>, row: SqliteEventRow) => Record<string, unknown>): void {
    let prevHash = GENESIS_HASH;
    for (const row of this.rows(streamId)) {
      const data = edit(JSON.parse(row.data), row);
      const stored = JSON.parse(row.metadata) as StoredMetadata;
      const metadata = appenderMetadata(stored);
      const hash = eventHash({ streamId, revision: row.revision, eventId: row.event_id, type: row.type, data, metadata, prevHash });
      this.db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?')
        .run(JSON.stringify(data), JSON.stringify({ ...stored, prevHash, hash }), row.position);
      prevHash = hash;
    }
  }

  close(): void {
    this.db.close();
  }
}
