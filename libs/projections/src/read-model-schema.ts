import { PROVENANCE_TABLES } from './schema/provenance.tables';
import { INTERVENTION_TABLES } from './schema/intervention.tables';
import { DERIVED_TABLE_SPECS } from './schema/derived.tables';
import { PARTNERSHIP_AND_PERIOD_TABLES } from './schema/partnership-and-period.tables';
import { FINANCE_REPORT_TABLES } from './schema/finance-report.tables';

/**
 * The read models: one table per kind of fact, each row tied to the global position (and recordedAt) of the
 * event it came from, so every query can answer from a prefix of the log (`position <= upTo`; an `asAt` instant
 * is turned into such a position through events_seen.known_at), and every figure can be traced to its events.
 * One definition serves CREATE, INSERT and the digest.
 * Column spec: 'name TYPE' (NOT NULL) or 'name TYPE?' (nullable).
 */
export interface TableSpec {
  columns: string[];
  primaryKey: string[];
  indexes?: string[][];
  /** Which file holds the table (default 'figures'); see ReadModelStore. */
  file?: ReadModelFile;
  /**
   * Store rows in primary-key order (WITHOUT ROWID): for derived tables, written sorted in bulk, whose figures are
   * ranges of the key, so that a sum reads one run of pages.
   */
  clustered?: true;
  /** Leave the table out of the read models' digest while it is empty, so that digests of ledgers without such rows stay as they were. */
  digestOnlyWhenNotEmpty?: true;
  /**
   * Leave the table out of the read models' combined digest: a summary kept beside tables the digest covers (so a
   * seed's digest stays what it was when the summary was added). Its own tableDigest still compares live and rebuilt.
   */
  outsideCombinedDigest?: true;
}

/**
 * The read models live in two SQLite files: 'figures' (the facts, and the tables derived from them) and
 * 'provenance' (one row per event, for traces and as-at), on one connection. Each has its own checkpoint, so a
 * rebuild can write both at once.
 */
export type ReadModelFile = 'figures' | 'provenance';

export const READ_MODEL_TABLES = {
  // in this order: the digest reads the tables in it
  ...PROVENANCE_TABLES,
  ...INTERVENTION_TABLES,
  ...DERIVED_TABLE_SPECS,
  ...PARTNERSHIP_AND_PERIOD_TABLES,
  ...FINANCE_REPORT_TABLES,
} satisfies Record<string, TableSpec>;

export type ReadModelTable = keyof typeof READ_MODEL_TABLES;
export const READ_MODEL_TABLE_NAMES = Object.keys(READ_MODEL_TABLES) as ReadModelTable[];

export const columnName = (spec: string) => spec.split(' ')[0];

export const tableFile = (name: ReadModelTable): ReadModelFile =>
  (READ_MODEL_TABLES[name] as TableSpec).file ?? 'figures';
export const tablesIn = (file: ReadModelFile) => READ_MODEL_TABLE_NAMES.filter((t) => tableFile(t) === file);

/**
 * `schema`: the attached database's name when the file is not the connection's main one. A fact table is a rowid
 * table: one keyed by log position takes it as its rowid (appended in key order); any other key is a UNIQUE
 * index (createIndexSql), which a rebuild builds once, sorted, after the bulk load rather than row by row.
 * A `clustered` (derived) table is stored in key order instead.
 */
export function createTableSql(name: ReadModelTable, schema: string | null = null): string {
  const spec: TableSpec = READ_MODEL_TABLES[name];
  const table = schema ? `${schema}.${name}` : name;
  const byPosition = isPositionKeyed(spec);
  const columns = spec.columns.map((definition) => {
    const [column, type] = definition.split(' ');
    if (byPosition && column === 'position') return `${column} INTEGER PRIMARY KEY`;
    return type.endsWith('?') ? `${column} ${type.slice(0, -1)}` : `${column} ${type} NOT NULL`;
  });
  return spec.clustered
    ? `CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')}, PRIMARY KEY (${spec.primaryKey.join(', ')})) WITHOUT ROWID`
    : `CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')})`;
}

const isPositionKeyed = (spec: TableSpec) => spec.primaryKey.length === 1 && spec.primaryKey[0] === 'position';

/** The key (unless it is the position) and the secondary indexes: a rebuild creates them once, after the bulk load. */
export function createIndexSql(name: ReadModelTable, schema: string | null = null): string[] {
  const spec: TableSpec = READ_MODEL_TABLES[name];
  const prefix = schema ? `${schema}.` : '';
  const key =
    isPositionKeyed(spec) || spec.clustered
      ? []
      : [`CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}${name}_key ON ${name} (${spec.primaryKey.join(', ')})`];
  return [...key, ...(spec.indexes ?? []).map((cols) => secondaryIndexSql(name, cols, schema))];
}

/** One of a table's secondary indexes (`spec.indexes`), on its own. */
export function secondaryIndexSql(name: ReadModelTable, cols: readonly string[], schema: string | null = null): string {
  const spec: TableSpec = READ_MODEL_TABLES[name];
  if (!spec.indexes?.some((declared) => declared.join() === cols.join()))
    throw new Error(`${name} has no index on (${cols.join(', ')})`);
  return `CREATE INDEX IF NOT EXISTS ${schema ? `${schema}.` : ''}${name}_${cols.join('_')} ON ${name} (${cols.join(', ')})`;
}

/** Each file's checkpoint: the global position of the last event applied to its tables. */
export const checkpointSql = (schema: string | null = null) =>
  `CREATE TABLE IF NOT EXISTS ${schema ? `${schema}.` : ''}checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL)`;
