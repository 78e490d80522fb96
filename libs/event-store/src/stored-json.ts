import Database from 'better-sqlite3';
import { RecordedEvent } from './event-store.port';
import { canonicalJson } from './hash-chain';

/**
 * Every leaf of the metadata the store writes (StoredMetadata: the appender's metadata, the event id and the integrity
 * fields), as a path, in canonical order. A rebuild's SQL checks each is written once before it reads any of them.
 */
export const STORED_METADATA_LEAVES = [
  'actor.organisationId',
  'actor.role',
  'actor.userId',
  'causationId',
  'correlationId',
  'eventId',
  'hash',
  'prevHash',
  'recordedAt',
  'schemaVersion',
] as const;

/**
 * Why an event's stored JSON is not exactly the canonical form (RFC 8785) of the values it parses to, or null when
 * it is (or when the store parses for us and there is no text to check).
 *
 * The hash covers the canonical form of the parsed values, so text that parses to the same values but is written
 * otherwise still matches its hash. Most such text is harmless, but not all: with a key written twice, JSON.parse
 * (and so the hash) takes the last copy while SQLite's `->>` takes the first, so a rebuild from the file would read a
 * value the hash never covered. The store only ever writes the canonical form, so any other text was written by
 * something else.
 */
export function storedJsonProblem(event: RecordedEvent): string | null {
  const stored = event.storedJson;
  if (!stored) return null;
  for (const part of ['data', 'metadata'] as const) {
    if (!isCanonicalJson(stored[part], event[part])) {
      return `stored ${part} is not in canonical form (RFC 8785): ${howNotCanonical(stored[part], event[part])}`;
    }
  }
  return null;
}

/**
 * Whether `text` is exactly the canonical JSON of `parsed` (what it parses to). RFC 8785 writes strings and numbers as
 * JSON.stringify does and orders keys by UTF-16 code units, so text that JSON.stringify writes again byte for byte,
 * with every object's keys in that order, is canonical: checked natively, about twice as fast as canonicalising. Text
 * with keys JSON.stringify moves ahead ("10" before "9") is compared with its canonical form instead.
 */
export function isCanonicalJson(text: string, parsed: unknown): boolean {
  if (JSON.stringify(parsed) === text && keysInCanonicalOrder(parsed)) return true;
  return canonicalJson(parsed) === text;
}

function keysInCanonicalOrder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(keysInCanonicalOrder);
  let previous: string | undefined;
  for (const key of Object.keys(value)) {
    if (previous !== undefined && !(previous < key)) return false;
    if (!keysInCanonicalOrder((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

/** What differs from the canonical form, most telling first. Only asked when the text is not canonical. */
function howNotCanonical(text: string, parsed: unknown): string {
  const duplicate = firstDuplicateKey(text);
  if (duplicate) return `duplicate key ${duplicate} (JSON.parse and the hash take its last copy, SQLite its first)`;
  if (JSON.stringify(parsed) === text) return 'its keys are not in RFC 8785 order';
  if (sqlite().prepare('SELECT json(?)').pluck().get(text) !== text) return 'it has whitespace between tokens';
  return 'a string escape or a number is not written as RFC 8785 writes it';
}

/**
 * The first key an object of the text holds twice, as a path ("amountPence", "actor.userId"), or null. SQLite's
 * json_tree gives every member with its label decoded, so "amount\u0050ence" and "amountPence" are the same key.
 */
function firstDuplicateKey(text: string): string | null {
  const row = sqlite()
    .prepare(
      `SELECT path, key FROM json_tree(?) WHERE parent IS NOT NULL
    GROUP BY parent, key HAVING COUNT(*) > 1 AND typeof(key) = 'text' ORDER BY MIN(id) LIMIT 1`,
    )
    .get(text) as { path: string; key: string } | undefined;
  if (!row) return null;
  const container = row.path.replace(/^\$\.?/, '');
  return container ? `${container}.${row.key}` : row.key;
}

let memory: Database.Database | null = null;
/** A private in-memory connection for SQLite's JSON functions (only ever asked about text that is not canonical). */
function sqlite(): Database.Database {
  memory ??= new Database(':memory:');
  return memory;
}
