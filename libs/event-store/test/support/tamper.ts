import Database from 'better-sqlite3';
import { GENESIS_HASH, SqliteEventRow, StoredMetadata, appenderMetadata, canonicalJson, eventHash } from '../../src';

/**
 * What an insider with write access to the SQLite file can do, with raw better-sqlite3 (never through the
 * store). The hash chain has no key, so `rewriteStream` recomputes a consistent chain exactly as an informed
 * attacker would (writing the canonical JSON the store writes): only a seal (or an earlier published root) can tell.
 * The `*Json` edits change an event's stored JSON text but not what JSON.parse reads from it, so its hash still
 * matches: only the check that the stored text is canonical can tell.
 */
export class Tamper {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
  }

  rows(streamId: string): SqliteEventRow[] {
    return this.db
      .prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision')
      .all(streamId) as SqliteEventRow[];
  }

  row(where: string, ...params: unknown[]): SqliteEventRow {
    const row = this.db.prepare(`SELECT * FROM events WHERE ${where} ORDER BY position LIMIT 1`).get(...params) as
      SqliteEventRow | undefined;
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
  rewriteStream(
    streamId: string,
    edit: (data: Record<string, unknown>, row: SqliteEventRow) => Record<string, unknown>,
  ): void {
    let prevHash = GENESIS_HASH;
    for (const row of this.rows(streamId)) {
      const data = edit(JSON.parse(row.data), row);
      const stored = JSON.parse(row.metadata) as StoredMetadata;
      const metadata = appenderMetadata(stored);
      const hash = eventHash({
        streamId,
        revision: row.revision,
        eventId: row.event_id,
        type: row.type,
        data,
        metadata,
        prevHash,
      });
      this.db
        .prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?')
        .run(canonicalJson(data), canonicalJson({ ...stored, prevHash, hash }), row.position);
      prevHash = hash;
    }
  }

  /**
   * Writes `key` a second time at the front of the stored object, with another value: JSON.parse (and so the hash)
   * still takes the original, last copy; SQLite's `->>` takes this first one. `asWritten` is the key's text between
   * the quotes in the JSON, e.g. amount\u0050ence to spell it with an escape.
   */
  duplicateKeyJson(position: number, column: 'data' | 'metadata', key: string, value: unknown, asWritten = key): void {
    const text = this.row('position = ?', position)[column];
    if (!(JSON.parse(`"${asWritten}"`) === key)) throw new Error(`'${asWritten}' does not spell ${key}`);
    this.set(position, column, `{"${asWritten}":${JSON.stringify(value)},${text.slice(1)}`);
  }

  /** Writes the stored object's top-level keys in reverse order: the same values. */
  reorderKeysJson(position: number, column: 'data' | 'metadata'): void {
    const value = JSON.parse(this.row('position = ?', position)[column]) as Record<string, unknown>;
    this.set(
      position,
      column,
      `{${Object.keys(value)
        .reverse()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
        .join(',')}}`,
    );
  }

  /** Writes the stored JSON indented: the same values. */
  indentJson(position: number, column: 'data' | 'metadata'): void {
    this.set(position, column, JSON.stringify(JSON.parse(this.row('position = ?', position)[column]), null, 2));
  }

  close(): void {
    this.db.close();
  }
}
