import { closeSync, existsSync, fdatasync, fdatasyncSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DerivedReadModels } from './derived-read-models';
import {
  READ_MODEL_TABLES,
  READ_MODEL_TABLE_NAMES,
  ReadModelFile,
  ReadModelTable,
  TableSpec,
  checkpointSql,
  columnName,
  createIndexSql,
  createTableSql,
  tablesIn,
} from './read-model-schema';

/** The read models' two files, their layout and settings, shared by the live store (read-model-store.ts) and a rebuild (rebuild/). */

export const readModelFile = (dataDir: string) => join(dataDir, 'read-models.sqlite');
/** The provenance file beside a read-model file: read-models.sqlite -> read-models-provenance.sqlite. */
export const provenanceFileOf = (file: string) =>
  file === ':memory:' ? ':memory:' : file.replace(/(\.sqlite)?$/, '-provenance.sqlite');

/**
 * The read models' layout (tables, files, what they mean), kept in each file's `PRAGMA user_version`. Files of
 * another layout are discarded when opened and the projector fills new ones from the log: bump this whenever a
 * table or its meaning changes, so that an existing DATA_DIR is never read through the wrong layout.
 */
// 11: covering indexes on benefits (landing organisation, year, …) and costs (bearer, year, …) for traces
// 12: flow_parts indexed by (intervention, valid_to): a new cost ends an intervention's current versions alone
export const READ_MODEL_LAYOUT = 12;

/**
 * On the live connection the provenance file is the main database and the figures' file is attached as
 * `figures`: SQLite commits the main database first, so no reader ever sees a fact whose event it cannot trace.
 */
export const FIGURES = 'figures';

/** Live use: WAL so readers never block the projector; NORMAL durability (after a crash the projector catches up again). */
export const LIVE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL'];
/**
 * A rebuild writes private new files that nobody reads until they are complete and renamed into place, so they
 * need no journal and no fsync.
 */
export const BULK_PRAGMAS = ['journal_mode = OFF', 'synchronous = OFF', 'locking_mode = EXCLUSIVE'];

/** Read models derived from other read models rather than from events (flow-parts.ts). */
export const DERIVED_TABLES = DerivedReadModels.TABLES;
export const isDerived = (table: ReadModelTable) => (DERIVED_TABLES as readonly string[]).includes(table);

export const COLUMNS = Object.fromEntries(
  READ_MODEL_TABLE_NAMES.map((t) => [t, (READ_MODEL_TABLES[t] as TableSpec).columns.map(columnName)]),
) as Record<ReadModelTable, string[]>;

export const qualified = (schema: string | null, name: string) => (schema ? `${schema}.${name}` : name);

export function createSchema(
  db: Database.Database,
  file: ReadModelFile,
  schema: string | null,
  withIndexes: boolean,
): void {
  db.exec(checkpointSql(schema));
  for (const table of tablesIn(file)) {
    db.exec(createTableSql(table, schema));
    if (withIndexes) for (const sql of createIndexSql(table, schema)) db.exec(sql);
  }
  db.prepare(`INSERT OR IGNORE INTO ${qualified(schema, 'checkpoint')} (id, position) VALUES (1, 0)`).run();
}

/** Whether an existing read-model file was written with another layout (an empty or missing file is not). */
export function ofAnotherLayout(file: string): boolean {
  if (file === ':memory:' || !existsSync(file)) return false;
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number })
      .n;
    return tables > 0 && db.pragma('user_version', { simple: true }) !== READ_MODEL_LAYOUT;
  } finally {
    db.close();
  }
}

export function syncToDisk(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * syncToDisk on one of libuv's threads, begun now: opened here and handed over at once, so that it runs while this
 * thread goes on with synchronous work (an `await` in between would wait for this thread's event loop).
 */
export function syncToDiskInBackground(file: string): Promise<void> {
  const fd = openSync(file, 'r+');
  return new Promise((resolve, reject) =>
    fdatasync(fd, (error) => {
      closeSync(fd);
      if (error) reject(error);
      else resolve();
    }),
  );
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
