import Database from 'better-sqlite3';
import { canonicalJson } from '../hash-chain';

/**
 * How the events table holds each event's JSON, kept in the file's `PRAGMA user_version`: 0, JSON.stringify of the
 * values (files written before the canonical form); 1, their RFC 8785 canonical form, the bytes the hash covers.
 */
export const STORED_JSON_FORM = 1;

const PAGE = 2000;

/**
 * Brings a file written in an earlier form up to STORED_JSON_FORM, once, when the store opens it. Each event whose
 * stored text is exactly what the earlier store wrote (JSON.stringify of what it parses to) is written again as the
 * canonical form of the same values: no value changes, so no hash and no seal does. Text the earlier store cannot have
 * written (a key twice, whitespace, ...) is left as it is, for verify to name. One transaction, taken with the write
 * lock: another process opening the file meanwhile waits, then finds it done.
 */
export function upgradeStoredJsonForm(db: Database.Database): void {
  if (formOf(db) >= STORED_JSON_FORM) return;
  db.transaction(() => {
    if (formOf(db) >= STORED_JSON_FORM) return;
    const page = db.prepare<[number, number], { position: number; data: string; metadata: string }>(
      'SELECT position, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    const rewrite = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?');
    for (let rows = page.all(0, PAGE); rows.length > 0; rows = page.all(rows[rows.length - 1].position, PAGE)) {
      for (const row of rows) {
        const data = asWrittenEarlier(row.data);
        const metadata = asWrittenEarlier(row.metadata);
        if (data !== undefined && metadata !== undefined)
          rewrite.run(canonicalJson(data), canonicalJson(metadata), row.position);
      }
    }
    db.pragma(`user_version = ${STORED_JSON_FORM}`);
  }).immediate();
}

const formOf = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;

/** The values of text the earlier store wrote (JSON.stringify of them); undefined for any other text. */
function asWrittenEarlier(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return JSON.stringify(value) === text ? value : undefined;
  } catch {
    return undefined;
  }
}
