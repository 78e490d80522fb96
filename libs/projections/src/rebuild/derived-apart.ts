import Database from 'better-sqlite3';
import { FLOW_PART_INPUTS, stageFlowParts } from '../flow-parts';
import { BenefitRealisationsWriter, REALISATION_INPUTS } from '../benefit-realisations';
import { BULK_PRAGMAS, removeDatabaseFiles } from '../read-model-files';
import { READ_MODEL_TABLES, createIndexSql, createTableSql, secondaryIndexSql } from '../read-model-schema';

/**
 * The page cache of each database on a rebuild's connections, and of its temporary tables (SQLite's default here is
 * 16 MB each, and a rebuild holds up to eight at once over its two threads): it reads the log and writes its files
 * mostly in order, and the OS caches the files anyway. Measured at a million events: peak RSS about 290 -> 210 MB,
 * no more CPU.
 */
export const REBUILD_CACHE = 'cache_size = -4000';

/** The table of the staged flow_parts, in no order, in their file (stagedFileOf). */
export const UNSORTED_FLOW_PARTS = 'flow_parts_unsorted';
const unsortedFlowPartsSql = (table: string) =>
  `CREATE TABLE ${table} (${(READ_MODEL_TABLES.flow_parts.columns as readonly string[]).map((c) => c.replace('?', '')).join(', ')})`;

/** The derived tables a rebuild's worker thread derives (stageDerivedApart), in this order. */
export const DERIVED_APART = ['flow_parts', 'benefit_realisations'] as const;
export type DerivedApart = (typeof DERIVED_APART)[number];

/**
 * The file each derived table is staged in: flow_parts in a file of its own beside the staging file, so that the main
 * thread can copy it in while the worker still derives benefit_realisations in the staging file (each file is locked
 * by the connection writing it until that connection lets it go).
 */
export const stagedFileOf = (stagingFile: string, table: DerivedApart) =>
  table === 'flow_parts' ? `${stagingFile}-flow-parts` : stagingFile;

/**
 * A rebuild's worker thread: derives flow_parts (unsorted, into a file of its own) and then
 * benefit_realisations in the file holding their inputs (BulkLoad.exportDerivationInputs), calling `staged` as each is
 * ready for BulkLoad.copyDerivedFrom: the main thread copies flow_parts in and digests it while benefit_realisations
 * is derived. The main thread, which used to derive benefit_realisations itself in its last phase, has the longer
 * share of a rebuild's work.
 */
export function stageDerivedApart(stagingFile: string, staged: (table: DerivedApart) => void = () => undefined): void {
  const partsFile = stagedFileOf(stagingFile, 'flow_parts');
  removeDatabaseFiles(partsFile);
  const staging = new Database(stagingFile);
  try {
    for (const pragma of [...BULK_PRAGMAS, REBUILD_CACHE]) staging.pragma(pragma);
    staging.prepare('ATTACH DATABASE ? AS parts').run(partsFile);
    for (const pragma of [...BULK_PRAGMAS, REBUILD_CACHE]) staging.pragma(`parts.${pragma}`);
    // unsorted: the main thread sorts them into flow_parts as it copies them in (copyDerivedFrom), as it has time
    staging.exec(unsortedFlowPartsSql(`parts.${UNSORTED_FLOW_PARTS}`));
    stageFlowParts(staging, `parts.${UNSORTED_FLOW_PARTS}`);
    staging.prepare('DETACH DATABASE parts').run(); // lets the file go: the main thread may read it now
    staged('flow_parts');
    staging.exec(createTableSql('benefit_realisations'));
    staging.transaction(() => new BenefitRealisationsWriter(staging).refreshAll())();
  } finally {
    staging.close();
  }
  staged('benefit_realisations');
}

/**
 * Copies what flow_parts (FLOW_PART_INPUTS, with only the index the derivation reads each through) and
 * benefit_realisations (REALISATION_INPUTS, indexed, copied with every index) are derived from into a new file, for
 * stageDerivedApart. Into empty tables whose every index the source has too: SQLite copies the records as they are
 * (its transfer optimisation).
 */
export function exportDerivationInputs(db: Database.Database, stagingFile: string): void {
  removeDatabaseFiles(stagingFile);
  db.prepare('ATTACH DATABASE ? AS staging').run(stagingFile);
  try {
    for (const pragma of [...BULK_PRAGMAS, REBUILD_CACHE]) db.pragma(`staging.${pragma}`);
    for (const [table, index] of Object.entries(FLOW_PART_INPUTS) as [
      keyof typeof FLOW_PART_INPUTS,
      readonly string[],
    ][]) {
      db.exec(createTableSql(table, 'staging'));
      db.exec(secondaryIndexSql(table, index, 'staging'));
      db.exec(`INSERT INTO staging.${table} SELECT * FROM main.${table}`);
    }
    for (const table of REALISATION_INPUTS) {
      db.exec(createTableSql(table, 'staging'));
      for (const sql of createIndexSql(table, 'staging')) db.exec(sql);
      db.exec(`INSERT INTO staging.${table} SELECT * FROM main.${table}`);
    }
  } finally {
    db.prepare('DETACH DATABASE staging').run();
  }
}

/**
 * One staged table into the empty one of the main database of `db`: benefit_realisations as it is (SQLite copies
 * the records, no re-encoding), flow_parts sorted into key order here (the worker, with the longer share, does not).
 */
export function copyStaged(db: Database.Database, stagingFile: string, table: DerivedApart): void {
  db.prepare('ATTACH DATABASE ? AS staging').run(stagedFileOf(stagingFile, table));
  db.pragma(`staging.${REBUILD_CACHE}`);
  try {
    db.exec(
      table === 'flow_parts'
        ? `INSERT INTO flow_parts SELECT * FROM staging.${UNSORTED_FLOW_PARTS} ORDER BY ${READ_MODEL_TABLES.flow_parts.primaryKey.join(', ')}`
        : `INSERT INTO ${table} SELECT * FROM staging.${table}`,
    );
  } finally {
    db.prepare('DETACH DATABASE staging').run();
  }
}
