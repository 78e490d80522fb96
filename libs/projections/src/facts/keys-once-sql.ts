import { STORED_METADATA_LEAVES } from '@benefit-ledger/event-store';

/**
 * What a rebuild's SQL reads from the log only where it reads the same values as JSON.parse.
 *
 * SQLite reads a JSON key written twice by its first copy (`->>`, json_extract); JSON.parse, and so the event's hash and
 * the live projector's fold, by its last. The store writes every key once (its canonical JSON), so two copies mean
 * the file was altered, and verify names the event. A rebuild does not verify, so each statement that makes read
 * models from the log takes an event only where every key it reads is written once, and notes any other event
 * (NOTE_FOR_FOLD); the rebuild then folds the noted events in JavaScript from JSON.parse, like the live projector.
 * Either way the read models hold the values the hash covers, and a rebuild gives what live catch-up gives.
 */

/**
 * The SQL function, registered by a rebuild on its connection, that each statement calls with the position of an
 * event it leaves to the fold; it returns 0.
 */
export const NOTE_FOR_FOLD = 'note_for_fold';

/**
 * `readsOnce`, or else note the event for the fold and be false. SQLite evaluates OR left to right and stops at the
 * first true term, so an event is noted only when `readsOnce` is false. A WHERE clause's terms may be tested in any
 * order, so a statement with other conditions puts them in order in a CASE: first the ones that choose its events,
 * then this, then the rest: CASE WHEN chosen AND <orNoteForFold(...)> THEN rest ELSE 0 END.
 */
export const orNoteForFold = (readsOnce: string) => `(${readsOnce} OR ${NOTE_FOR_FOLD}(position))`;

/**
 * SQL true when each of these top-level keys is in `column`'s JSON at most once: removing the first copy of each
 * removes them all (one key: none is left; several: removing each twice removes no more than once).
 */
export function keysOnceSql(column: 'data' | 'metadata', keys: readonly string[]): string {
  if (keys.length === 0) return '1';
  const paths = keys.map((key) => `'$.${key}'`).join(', ');
  if (keys.length === 1) return `json_type(jsonb_remove(${column}, ${paths}), ${paths}) IS NULL`;
  return `length(jsonb_remove(${column}, ${paths})) = length(jsonb_remove(${column}, ${paths}, ${paths}))`;
}

/** `{"actor":{}}`: the objects that hold the metadata's leaves, emptied. */
const METADATA_CONTAINERS = JSON.stringify(
  Object.fromEntries(
    [...new Set(STORED_METADATA_LEAVES.filter((leaf) => leaf.includes('.')).map((leaf) => leaf.split('.')[0]))].map(
      (container) => [container, {}],
    ),
  ),
);

/**
 * SQL true when the metadata holds each leaf the store writes at most once, and nothing else: removing one copy of
 * each leaves only their emptied containers. The metadata has a fixed shape, so one removal checks every key the
 * provenance reads, nested ones (actor.userId) and their containers (actor) alike. (Compared as JSONB: should SQLite
 * ever encode the two alike containers differently, every event would merely be left to the fold, never misread.)
 */
export const METADATA_ONCE_SQL = `jsonb_remove(metadata, ${STORED_METADATA_LEAVES.map((leaf) => `'$.${leaf}'`).join(', ')}) = jsonb('${METADATA_CONTAINERS}')`;
