import { createHash } from 'node:crypto';
import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { RecordedEvent, SqliteEventStore } from '@benefit-ledger/event-store';
import { FIGURES_FROM_SQLITE_LOG, Fact, UNFOLDED_FROM_SQLITE_LOG, PROVENANCE_FROM_SQLITE_LOG, ROW_FACT_TABLES, SOURCE_JSON_SQL, figureFactsOf, provenanceOf } from './facts';
import { NOTE_FOR_FOLD } from './facts/keys-once-sql';
import { DerivedReadModels, DerivedTable, FLOW_PARTS_STAGING, FLOW_PART_INPUTS, deriveFlowPartsThrough } from './flow-parts';
import {
  READ_MODEL_TABLES, READ_MODEL_TABLE_NAMES, ReadModelFile, ReadModelTable, TableSpec, checkpointSql, columnName, createIndexSql, createTableSql,
  secondaryIndexSql, tableFile, tablesIn,
} from './read-model-schema';

export const readModelFile = (dataDir: string) => join(dataDir, 'read-models.sqlite');
/** The provenance file beside a read-model file: read-models.sqlite -> read-models-provenance.sqlite. */
export const provenanceFileOf = (file: string) => (file === ':memory:' ? ':memory:' : file.replace(/(\.sqlite)?$/, '-provenance.sqlite'));

/**
 * The read models' layout (tables, files, what they mean), kept in each file's `PRAGMA user_version`. Files of
 * another layout are discarded when opened and the projector fills new ones from the log: bump this whenever a
 * table or its meaning changes, so that an existing DATA_DIR is never read through the wrong layout.
 */
export const READ_MODEL_LAYOUT = 9;

/**
 * On the live connection the provenance file is the main database and the figures' file is attached as
 * `figures`: SQLite commits the main database first, so no reader ever sees a fact whose event it cannot trace.
 */
const FIGURES = 'figures';

/** Live use: WAL so readers never block the projector; NORMAL durability (after a crash the projector catches up again). */
const LIVE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL'];
/**
 * A rebuild writes private new files that nobody reads until they are complete and renamed into place, so they
 * need no journal and no fsync.
 */
const BULK_PRAGMAS = ['journal_mode = OFF', 'synchronous = OFF', 'locking_mode = EXCLUSIVE'];

/** Read models derived from other read models rather than from events (flow-parts.ts). */
const DERIVED_TABLES = DerivedReadModels.TABLES;
const isDerived = (table: ReadModelTable) => (DERIVED_TABLES as readonly string[]).includes(table);

const COLUMNS = Object.fromEntries(READ_MODEL_TABLE_NAMES.map((t) => [t, (READ_MODEL_TABLES[t] as TableSpec).columns.map(columnName)])) as Record<ReadModelTable, string[]>;

const qualified = (schema: string | null, name: string) => (schema ? `${schema}.${name}` : name);

/**
 * Applies events to the event-fed tables of one file and moves that file's checkpoint, in its caller's transaction
 * (one per batch, over every file it writes): a reader never sees half an event. The figures' writer also keeps
 * the derived tables in step, per event, when given them (live); a bulk load builds those once at the end instead.
 */
class FileWriter {
  private readonly inserts: Partial<Record<ReadModelTable, Database.Statement>> = {};
  private readonly getCheckpoint: Database.Statement<[], { position: number }>;
  private readonly setCheckpoint: Database.Statement;
  private readonly lastKnownAt: Database.Statement<[], { known_at: string }> | null;
  private readonly sourceJson: Database.Statement;

  /** `complete` (a bulk load): tables already indexed and read from; a fact for one of them is a fault in the load's order. */
  constructor(readonly db: Database.Database, readonly file: ReadModelFile, readonly schema: string | null, private readonly derived: DerivedReadModels | null,
    private readonly complete: ReadonlySet<ReadModelTable> = new Set()) {
    for (const t of tablesIn(file).filter((t) => !isDerived(t))) {
      const cols = COLUMNS[t];
      this.inserts[t] = db.prepare(`INSERT INTO ${qualified(schema, t)} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    }
    this.getCheckpoint = db.prepare(`SELECT position FROM ${qualified(schema, 'checkpoint')} WHERE id = 1`);
    this.setCheckpoint = db.prepare(`UPDATE ${qualified(schema, 'checkpoint')} SET position = ? WHERE id = 1`);
    this.lastKnownAt = file === 'provenance' ? db.prepare(`SELECT known_at FROM ${qualified(schema, 'events_seen')} ORDER BY position DESC LIMIT 1`) : null;
    this.sourceJson = db.prepare(SOURCE_JSON_SQL).pluck();
  }

  /** Not a transaction of its own: the caller's one covers the batch in every file (a nested one costs a SAVEPOINT). */
  apply(events: readonly RecordedEvent[]): void {
    let last = this.checkpoint();
    let knownAt = this.lastKnownAt?.get()?.known_at ?? '';
    const applied: RecordedEvent[] = [];
    for (const event of events) {
      if (event.position <= last) continue; // at-least-once delivery: already applied
      if (this.file === 'provenance') {
        if (event.metadata.recordedAt > knownAt) knownAt = event.metadata.recordedAt;
        this.insert(this.provenanceOf(event, knownAt));
      } else {
        for (const fact of figureFactsOf(event)) this.insert(fact);
        applied.push(event);
      }
      last = event.position;
    }
    this.derived?.afterEvents(applied);
    this.setCheckpoint.run(last);
  }

  private provenanceOf(event: RecordedEvent, knownAt: string): Fact {
    // only the source goes to SQLite, and only when there is one: `->` renders it alike inside any object
    const source = (event.data as { source?: unknown }).source;
    return provenanceOf(event, knownAt, source === undefined ? null : this.sourceJson.get(JSON.stringify({ source })) as string | null);
  }

  /**
   * Adds the facts of events a rebuild's SQL left to the fold (keys-once-sql.ts), out of log order and without moving
   * the checkpoint: the SQL has made the rest of the file. Provenance rows then need recomputeKnownAt.
   */
  foldAside(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      if (this.file === 'provenance') this.insert(this.provenanceOf(event, event.metadata.recordedAt));
      else for (const fact of figureFactsOf(event)) this.insert(fact);
    }
  }

  /** Every provenance row's known_at again, from the recordedAt of the rows up to it (after foldAside). */
  recomputeKnownAt(): void {
    const table = qualified(this.schema, 'events_seen');
    this.db.prepare(`UPDATE ${table} SET known_at = k.known_at
      FROM (SELECT position, MAX(recorded_at) OVER (ORDER BY position ROWS UNBOUNDED PRECEDING) AS known_at FROM ${table}) AS k
     WHERE ${table}.position = k.position AND ${table}.known_at IS NOT k.known_at`).run();
  }

  checkpoint(): number {
    return this.getCheckpoint.get()!.position;
  }

  /** Moves the checkpoint to a position every event up to which has been applied (a rebuild that skipped fact-free events). */
  moveCheckpoint(position: number): void {
    if (position > this.checkpoint()) this.setCheckpoint.run(position);
  }

  private insert(fact: Fact): void {
    if (this.complete.has(fact.table)) throw new Error(`a rebuild folded an event with a ${fact.table} fact after that table was complete`);
    const columns = COLUMNS[fact.table];
    const values = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) values[i] = fact.row[columns[i]] ?? null;
    this.inserts[fact.table]!.run(values);
  }
}

function createSchema(db: Database.Database, file: ReadModelFile, schema: string | null, withIndexes: boolean): void {
  db.exec(checkpointSql(schema));
  for (const table of tablesIn(file)) {
    db.exec(createTableSql(table, schema));
    if (withIndexes) for (const sql of createIndexSql(table, schema)) db.exec(sql);
  }
  db.prepare(`INSERT OR IGNORE INTO ${qualified(schema, 'checkpoint')} (id, position) VALUES (1, 0)`).run();
}

/** Whether an existing read-model file was written with another layout (an empty or missing file is not). */
function ofAnotherLayout(file: string): boolean {
  if (file === ':memory:' || !existsSync(file)) return false;
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    return tables > 0 && db.pragma('user_version', { simple: true }) !== READ_MODEL_LAYOUT;
  } finally {
    db.close();
  }
}

function syncToDisk(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function openLive(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // the two files are one set of read models: either written with another layout, both are rebuilt
  if (ofAnotherLayout(file) || ofAnotherLayout(provenanceFileOf(file))) for (const f of [file, provenanceFileOf(file)]) removeDatabaseFiles(f);
  const db = new Database(provenanceFileOf(file));
  db.pragma('busy_timeout = 5000');
  db.prepare(`ATTACH DATABASE ? AS ${FIGURES}`).run(file);
  for (const pragma of LIVE_PRAGMAS) {
    db.pragma(pragma);
    db.pragma(`${FIGURES}.${pragma}`);
  }
  createSchema(db, 'provenance', null, true);
  createSchema(db, 'figures', FIGURES, true);
  db.pragma(`user_version = ${READ_MODEL_LAYOUT}`);
  db.pragma(`${FIGURES}.user_version = ${READ_MODEL_LAYOUT}`);
  return db;
}

/** Rows digested between two calls of a digest's `between` (other work that should not wait for a whole table). */
const DIGEST_SLICE = 16_384;

/**
 * sha256 over a table's rows in primary-key order, one line per row: its values as a JSON array, built by SQLite
 * (json_array: type-exact, text '5' is not integer 5; about a third cheaper than joining quote() literals).
 * `between` is called every DIGEST_SLICE rows.
 */
function tableDigest(db: Database.Database, table: ReadModelTable, schema: string | null, between?: () => void): string {
  const hash = createHash('sha256');
  const spec: TableSpec = READ_MODEL_TABLES[table];
  const line = `json_array(${COLUMNS[table].join(', ')})`;
  const rows = db.prepare(`SELECT ${line} FROM ${qualified(schema, table)} ORDER BY ${spec.primaryKey.join(', ')}`).pluck().iterate() as IterableIterator<string>;
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

/** The read models' digest: both checkpoints and every table's digest, in table order. */
export function combineDigest(checkpoints: Record<ReadModelFile, number>, tables: TableDigests): string {
  const hash = createHash('sha256').update(`read models; checkpoint figures ${checkpoints.figures} provenance ${checkpoints.provenance}\n`);
  for (const table of READ_MODEL_TABLE_NAMES) {
    if ((READ_MODEL_TABLES[table] as TableSpec).digestOnlyWhenNotEmpty && tables[table] === EMPTY_TABLE_DIGEST) continue;
    hash.update(`table ${table} ${tables[table]}\n`);
  }
  return hash.digest('hex');
}

/**
 * A rebuild's private new file(s), written with bulk settings and no secondary indexes, in phases: fill the event
 * tables (`apply` the log; from an embedded SQLite one, `loadProvenanceFromSqliteLog` and `loadRowFactsFromSqliteLog`
 * first), `indexTables` as each table is complete, `buildDerived` (tables derived from the facts, then their
 * indexes), `indexEventTables` (the rest, and every checkpoint at `upTo`), `digests`, `close`. Either file, or both
 * on one connection (provenance attached).
 */
export class BulkLoad {
  private readonly db: Database.Database;
  private readonly writers: FileWriter[] = [];
  private readonly layout: Partial<Record<ReadModelFile, string | null>>;
  /** Tables complete and indexed: `apply` refuses facts for them. */
  private readonly indexed = new Set<ReadModelTable>();
  /** A batch into every file of the load, in one transaction. */
  private readonly applyAll: (events: readonly RecordedEvent[]) => void;
  /** Whether the events left out of the row facts are recorded yet (loadRowFactsFromSqliteLog, once). */
  private unfoldedLoaded = false;
  /** The positions the statements from the log left to the fold so far (NOTE_FOR_FOLD). */
  private noted: number[] = [];
  /** How many events this load folded aside of those statements (none, for a log as the store wrote it). */
  foldedAside = 0;

  constructor(private readonly targets: Partial<Record<ReadModelFile, string>>) {
    for (const file of Object.values(targets)) removeDatabaseFiles(file);
    this.db = new Database(targets.figures ?? targets.provenance!);
    this.layout = targets.figures ? { figures: null, ...(targets.provenance ? { provenance: 'provenance' } : {}) } : { provenance: null };
    if (targets.figures && targets.provenance) this.db.prepare('ATTACH DATABASE ? AS provenance').run(targets.provenance);
    for (const [file, schema] of Object.entries(this.layout) as [ReadModelFile, string | null][]) {
      // Always name the file: unnamed, locking_mode would also lock a file attached later (the log).
      for (const pragma of BULK_PRAGMAS) this.db.pragma(`${schema ?? 'main'}.${pragma}`);
      createSchema(this.db, file, schema, false);
      this.writers.push(new FileWriter(this.db, file, schema, null, this.indexed));
    }
    this.applyAll = this.db.transaction((events: readonly RecordedEvent[]) => {
      for (const writer of this.writers) writer.apply(events);
    });
    this.db.function(NOTE_FOR_FOLD, (position) => {
      this.noted.push(position as number);
      return 0;
    });
  }

  apply(events: readonly RecordedEvent[]): void {
    this.applyAll(events);
  }

  /**
   * Has SQLite fill the provenance file straight from an embedded SQLite log, up to `upTo`, in one statement
   * (PROVENANCE_FROM_SQLITE_LOG), with no JavaScript per event but for the few events it leaves to the fold; its
   * checkpoint is then at `upTo`, so `apply` leaves it be. Returns how many events it holds.
   */
  loadProvenanceFromSqliteLog(ledgerFile: string, upTo: number): number {
    if (this.layout.provenance === undefined) throw new Error('loadProvenanceFromSqliteLog needs the provenance file in this load');
    return this.withLog(ledgerFile, () => this.db.transaction(() => {
      const writer = this.writer('provenance');
      const made = this.db.prepare(PROVENANCE_FROM_SQLITE_LOG).run({ upTo }).changes;
      const folded = this.foldNoted(ledgerFile, writer);
      if (folded > 0) writer.recomputeKnownAt();
      writer.moveCheckpoint(upTo);
      return made + folded;
    })());
  }

  /**
   * Has SQLite make the row facts of the given tables (default: all) straight from an embedded SQLite log, up to
   * `upTo` (FIGURES_FROM_SQLITE_LOG). `apply` must then not be given events of their types (ROW_FACT_TYPES).
   */
  loadRowFactsFromSqliteLog(ledgerFile: string, upTo: number, tables: readonly ReadModelTable[] = ROW_FACT_TABLES): void {
    if (this.layout.figures === undefined) throw new Error('loadRowFactsFromSqliteLog needs the figures file in this load');
    this.withLog(ledgerFile, () => this.db.transaction(() => {
      for (const table of tables) this.db.prepare(FIGURES_FROM_SQLITE_LOG[table]!).run({ upTo });
      // once per load (its first call), for every row-fact type: the events those statements left out
      if (!this.unfoldedLoaded) for (const sql of UNFOLDED_FROM_SQLITE_LOG) this.db.prepare(sql).run({ upTo });
      this.unfoldedLoaded = true;
      this.foldNoted(ledgerFile, this.writer('figures'));
    })());
  }

  /** Folds the events the statements left to the fold (keys-once-sql.ts) into one file, from JSON.parse as the live fold reads them. */
  private foldNoted(ledgerFile: string, writer: FileWriter): number {
    const positions = [...new Set(this.noted)];
    this.noted = [];
    if (positions.length === 0) return 0;
    const store = new SqliteEventStore(ledgerFile);
    try {
      writer.foldAside(store.readPositions(positions));
    } finally {
      void store.close();
    }
    this.foldedAside += positions.length;
    return positions.length;
  }

  private withLog<T>(ledgerFile: string, fn: () => T): T {
    this.db.prepare('ATTACH DATABASE ? AS log').run(ledgerFile);
    try {
      return fn();
    } finally {
      this.db.prepare('DETACH DATABASE log').run();
    }
  }

  private writer(file: ReadModelFile): FileWriter {
    return this.writers.find((w) => w.file === file)!;
  }

  /** The indexes of these tables, fed by events and now complete (a table already indexed is left as it is). */
  indexTables(tables: readonly ReadModelTable[]): void {
    for (const table of tables) {
      if (this.indexed.has(table)) continue;
      for (const sql of createIndexSql(table, this.layout[tableFile(table)])) this.db.exec(sql);
      this.indexed.add(table);
    }
  }

  /** The indexes of every table fed by events not indexed yet, and every file's checkpoint at `upTo`. */
  indexEventTables(upTo: number): void {
    for (const writer of this.writers) {
      this.indexTables(tablesIn(writer.file).filter((t) => !isDerived(t)));
      writer.moveCheckpoint(upTo);
    }
  }

  /**
   * Tables derived from the facts (default: all), in order, each followed by its indexes (the next one reads
   * through them). The facts they read (DerivedReadModels.SOURCES) must be complete: they are indexed here first.
   */
  buildDerived(tables: readonly DerivedTable[] = DERIVED_TABLES): void {
    if (this.layout.figures === undefined) throw new Error('buildDerived needs the figures file in this load');
    this.indexTables(DerivedReadModels.SOURCES);
    const derived = new DerivedReadModels(this.db);
    for (const table of tables) {
      this.db.transaction(() => derived.build(table))();
      this.indexTables([table]);
    }
  }

  /**
   * Copies what flow_parts are derived from (FLOW_PART_INPUTS, with only the index the derivation reads each through)
   * into a new file, for another thread to derive them there (stageFlowPartsApart) while this load goes on. Into
   * empty tables whose every index the source has too: SQLite copies the records as they are (its transfer optimisation).
   */
  exportFlowPartInputs(stagingFile: string): void {
    removeDatabaseFiles(stagingFile);
    this.db.prepare('ATTACH DATABASE ? AS staging').run(stagingFile);
    try {
      for (const pragma of BULK_PRAGMAS) this.db.pragma(`staging.${pragma}`);
      for (const [table, index] of Object.entries(FLOW_PART_INPUTS) as [keyof typeof FLOW_PART_INPUTS, readonly string[]][]) {
        this.db.exec(createTableSql(table, 'staging'));
        this.db.exec(secondaryIndexSql(table, index, 'staging'));
        this.db.exec(`INSERT INTO staging.${table} SELECT * FROM main.${table}`);
      }
    } finally {
      this.db.prepare('DETACH DATABASE staging').run();
    }
  }

  /**
   * flow_parts from the file another thread derived them in (stageFlowPartsApart), then its indexes. The same
   * table, unindexed, into an empty one: SQLite copies the records as they are, no sort, no re-encoding.
   */
  copyFlowPartsFrom(stagingFile: string): void {
    if (this.layout.figures !== null) throw new Error('copyFlowPartsFrom needs the figures file as the main database of this load');
    this.db.prepare('ATTACH DATABASE ? AS staging').run(stagingFile);
    try {
      this.db.exec('INSERT INTO flow_parts SELECT * FROM staging.flow_parts');
    } finally {
      this.db.prepare('DETACH DATABASE staging').run();
    }
    this.indexTables(['flow_parts']);
  }

  /**
   * The digests of the given tables (default: every table of the files in this load); `between` is called every
   * so many rows (tableDigest), e.g. to take up more urgent work.
   */
  digests(tables: readonly ReadModelTable[] = Object.keys(this.layout).flatMap((file) => tablesIn(file as ReadModelFile)), between?: () => void): TableDigests {
    const digests: TableDigests = {};
    for (const table of tables) digests[table] = tableDigest(this.db, table, this.layout[tableFile(table)] ?? null, between);
    return digests;
  }

  /**
   * Records the layout, leaves a plain journal for the live connection, closes, and has the files' data written
   * to disk: written with no journal and no sync, they must be whole on disk before they are renamed into place.
   * (On ext4 this also spares the rename the block allocation it would otherwise force.)
   */
  close(): void {
    try {
      for (const schema of Object.values(this.layout)) {
        this.db.pragma(`${schema ?? 'main'}.user_version = ${READ_MODEL_LAYOUT}`);
        this.db.pragma(`${schema ?? 'main'}.journal_mode = DELETE`);
      }
    } finally {
      this.db.close();
    }
    for (const file of Object.values(this.targets)) syncToDisk(file);
  }

  /** Gives up: closes and removes the new files. */
  abandon(): void {
    if (this.db.open) this.db.close();
    for (const file of Object.values(this.targets)) removeDatabaseFiles(file);
  }
}

/**
 * A rebuild's worker thread: derives flow_parts, in key order, in the file holding their inputs
 * (BulkLoad.exportFlowPartInputs), for BulkLoad.copyFlowPartsFrom.
 */
export function stageFlowPartsApart(stagingFile: string): void {
  const staging = new Database(stagingFile);
  try {
    for (const pragma of BULK_PRAGMAS) staging.pragma(pragma);
    staging.exec(createTableSql('flow_parts'));
    deriveFlowPartsThrough(staging, FLOW_PARTS_STAGING);
  } finally {
    staging.close();
  }
}

/**
 * The read models, rebuildable from the log at any time, in two SQLite files on one connection: the figures'
 * facts and the tables derived from them (`file`), and each event's provenance (provenanceFileOf(file)), each
 * with its own checkpoint, both written in one transaction per batch.
 */
export class ReadModelStore {
  private connection: Database.Database;
  private figures!: FileWriter;
  private provenance!: FileWriter;
  private applyBoth!: (events: readonly RecordedEvent[]) => void;

  constructor(readonly file: string) {
    this.connection = this.open();
  }

  private open(): Database.Database {
    const db = openLive(this.file);
    this.figures = new FileWriter(db, 'figures', FIGURES, new DerivedReadModels(db));
    this.provenance = new FileWriter(db, 'provenance', null, null);
    // one transaction, no nested ones: the writers' apply runs in it
    this.applyBoth = db.transaction((events: readonly RecordedEvent[]) => {
      this.provenance.apply(events);
      this.figures.apply(events);
    });
    return db;
  }

  /** The live connection (both files), for queries. */
  get db(): Database.Database {
    return this.connection;
  }

  /** The global position of the last event applied to the figures (0 before any). */
  checkpoint(): number {
    return this.figures.checkpoint();
  }

  /** Where to resume applying the log: the earlier of the two files' checkpoints. */
  resumePosition(): number {
    return Math.min(this.figures.checkpoint(), this.provenance.checkpoint());
  }

  /** Applies events (in log order, after each file's checkpoint) to both files in one transaction: all or nothing. */
  apply(events: readonly RecordedEvent[]): void {
    this.applyBoth(events);
  }

  /**
   * Runs reads in one transaction: a consistent snapshot. The figures' snapshot is taken first, so the provenance
   * one (taken at its first read, later; and committed first by the writer) holds every event they do.
   */
  read<T>(fn: (db: Database.Database) => T): T {
    return this.db.transaction(() => {
      this.figures.checkpoint();
      return fn(this.db);
    })();
  }

  /** The paths a rebuild writes before they replace the live files. */
  rebuildTargets(): Record<ReadModelFile, string> {
    return { figures: `${this.file}.rebuild-${process.pid}`, provenance: `${provenanceFileOf(this.file)}.rebuild-${process.pid}` };
  }

  /**
   * Puts rebuilt files in place of the live ones and reopens. Each rename is atomic; whichever file was renamed
   * last, every combination of old and new files is consistent (each has its own checkpoint, and the old one is
   * at or behind the new one), so an interrupted swap loses nothing. Nothing else may have the files open.
   */
  replaceWith(rebuilt: Record<ReadModelFile, string>): void {
    this.connection.close();
    for (const [file, live] of [['provenance', provenanceFileOf(this.file)], ['figures', this.file]] as const) {
      for (const suffix of ['-wal', '-shm']) if (existsSync(`${live}${suffix}`)) rmSync(`${live}${suffix}`);
      renameSync(rebuilt[file], live);
    }
    this.connection = this.open();
  }

  /** Empties every read model and both checkpoints in place (an in-memory store's rebuild). */
  reset(): void {
    this.db.transaction(() => {
      for (const table of READ_MODEL_TABLE_NAMES) this.db.exec(`DELETE FROM ${table}`);
      this.db.exec(`UPDATE main.checkpoint SET position = 0; UPDATE ${FIGURES}.checkpoint SET position = 0`);
    })();
  }

  /**
   * sha256 over both checkpoints and every read model's rows in primary-key order (per table, see combineDigest):
   * equal digests mean byte-identical read models, however they were built (live catch-up or rebuild).
   */
  digest(): string {
    return this.read((db) => combineDigest(
      { figures: this.figures.checkpoint(), provenance: this.provenance.checkpoint() },
      Object.fromEntries(READ_MODEL_TABLE_NAMES.map((t) => [t, tableDigest(db, t, null)])),
    ));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
