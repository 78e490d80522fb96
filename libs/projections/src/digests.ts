import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { COLUMNS, qualified } from './read-model-files';
import {
  READ_MODEL_TABLES,
  READ_MODEL_TABLE_NAMES,
  ReadModelFile,
  ReadModelTable,
  TableSpec,
} from './read-model-schema';

/** Rows digested between two calls of a digest's `between` (other work that should not wait for a whole table). */
const DIGEST_SLICE = 16_384;

/**
 * sha256 over a table's rows in primary-key order, one line per row: its values as a JSON array, built by SQLite
 * (json_array: type-exact, text '5' is not integer 5; about a third cheaper than joining quote() literals).
 * `between` is called every DIGEST_SLICE rows.
 */
export function tableDigest(
  db: Database.Database,
  table: ReadModelTable,
  schema: string | null,
  between?: () => void,
): string {
  const hash = createHash('sha256');
  const spec: TableSpec = READ_MODEL_TABLES[table];
  const line = `json_array(${COLUMNS[table].join(', ')})`;
  const rows = db
    .prepare(`SELECT ${line} FROM ${qualified(schema, table)} ORDER BY ${spec.primaryKey.join(', ')}`)
    .pluck()
    .iterate() as IterableIterator<string>;
  let count = 0;
  for (const row of rows) {
    hash.update(`${row}\n`);
    if (between && ++count % DIGEST_SLICE === 0) between();
  }
  return hash.digest('hex');
}

/** The digest of a table with no rows. */
const EMPTY_TABLE_DIGEST = createHash('sha256').digest('hex');

export type TableDigests = Partial<Record<ReadModelTable, string>>;

/** The read models' digest: both checkpoints and every table's digest, in table order (but outsideCombinedDigest). */
export function combineDigest(checkpoints: Record<ReadModelFile, number>, tables: TableDigests): string {
  const hash = createHash('sha256').update(
    `read models; checkpoint figures ${checkpoints.figures} provenance ${checkpoints.provenance}\n`,
  );
  for (const table of READ_MODEL_TABLE_NAMES) {
    if ((READ_MODEL_TABLES[table] as TableSpec).outsideCombinedDigest) continue;
    if ((READ_MODEL_TABLES[table] as TableSpec).digestOnlyWhenNotEmpty && tables[table] === EMPTY_TABLE_DIGEST)
      continue;
    hash.update(`table ${table} ${tables[table]}\n`);
  }
  return hash.digest('hex');
}
