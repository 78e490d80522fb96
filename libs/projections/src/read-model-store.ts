import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { Fact, figureFactsOf, provenanceOf } from './facts';
import { FlowPartsWriter } from './flow-parts';
import {
  READ_MODEL_TABLES, READ_MODEL_TABLE_NAMES, ReadModelFile, ReadModelTable, TableSpec, checkpointSql, columnName, createIndexSql, createTableSql,
  tablesIn,
} from './read-model-schema';

export const readModelFile = (dataDir: string) => join(dataDir, 'read-models.sqlite');
/** The provenance file beside a read-model file: read-models.sqlite -> read-models-provenance.sqlite. */
export const provenanceFileOf = (file: string) => (file === ':memory:' ? ':memory:' : file.replace(/(\.sqlite)?$/, '-provenance.sqlite'));

/**
 * On the live connection the provenance file is the main database and the figures' file is attached as
 * `figures`: SQLite commits the main database first, so no reader ever sees a fact whose event it cannot trace.
 */
const FIGURES = 'figures';
const PROVENANCE = 'provenance';
const INTERVENTION_PREFIX = 'intervention-';
/** Events whose facts change an intervention's flow parts. */
const CHANGES_FLOW_PARTS = new Set(['CostRecorded', 'BenefitValidated']);
/** Read models derived from other read models rather than from events (flow-parts.ts). */
const DERIVED_TABLES: ReadModelTable[] = ['flow_parts'];

const COLUMNS = Object.fromEntries(READ_MODEL_TABLE_NAMES.map((t) => [t, (READ_MODEL_TABLES[t] as TableSpec).columns.map(columnName)])) as Record<ReadModelTable, string[]>;

/** Live use: WAL so readers never block the projector; NORMAL durability (after a crash the projector catches up again). */
const LIVE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL'];
/**
 * A rebuild writes private new files that nobody reads until they are complete and renamed into place, so they
 * need no journal and no fsync; a larger page cache keeps the clustered primary keys in memory.
 */
const BULK_PRAGMAS = ['journal_mode = OFF', 'synchronous = OFF', 'locking_mode = EXCLUSIVE', 'temp_store = MEMORY'];
const BULK_CACHE_KIB: Record<ReadModelFile, number> = { figures: 49_152, provenance: 16_384 };

/** How a connection holds the two files: `schema` names each file's database on it (null: the main one). */
type Layout = Partial<Record<ReadModelFile, string | null>>;

/**
 * Applies events to the tables of one file and moves that file's checkpoint, in one transaction: a reader
 * never sees half an event. Figures keep flow_parts derived per event (live) or leave them to `deriveAll` (bulk).
 */
class FileWriter {
  private readonly inserts: Partial<Record<ReadModelTable, Database.Statement>> = {};
  private readonly getCheckpoint: Database.Statement<[], { position: number }>;
  private readonly setCheckpoint: Database.Statement;
  private readonly lastKnownAt: Database.Statement<[], { known_at: string }> | null;
  readonly flowParts: FlowPartsWriter | null;
  readonly apply: (events: readonly RecordedEvent[]) => void;

  constructor(readonly db: Database.Database, readonly file: ReadModelFile, schema: string | null, derivePerEvent: boolean) {
    const q = (name: string) => (schema ? `${schema}.${name}` : name);
    for (const t of tablesIn(file)) {
      const cols = COLUMNS[t];
      this.inserts[t] = db.prepare(`INSERT INTO ${q(t)} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    }
    this.getCheckpoint = db.prepare(`SELECT position FROM ${q('checkpoint')} WHERE id = 1`);
    this.setCheckpoint = db.prepare(`UPDATE ${q('checkpoint')} SET position = ? WHERE id = 1`);
    this.lastKnownAt = file === 'provenance' ? db.prepare(`SELECT known_at FROM ${q('events_seen')} ORDER BY position DESC LIMIT 1`) : null;
    this.flowParts = file === 'figures' ? new FlowPartsWriter(db) : null;
    this.apply = db.transaction((events: readonly RecordedEvent[]) => {
      let last = this.checkpoint();
      let knownAt = this.lastKnownAt?.get()?.known_at ?? '';
      for (const event of events) {
        if (event.position <= last) continue; // at-least-once delivery: already applied
        if (file === 'provenance') {
          if (event.metadata.recordedAt > knownAt) knownAt = event.metadata.recordedAt;
          this.insert(provenanceOf(event, knownAt));
        } else {
          for (const fact of figureFactsOf(event)) this.insert(fact);
          if (derivePerEvent && CHANGES_FLOW_PARTS.has(event.type) && event.streamId.startsWith(INTERVENTION_PREFIX)) {
            this.flowParts!.refresh(event.streamId.slice(INTERVENTION_PREFIX.length));
          }
        }
        last = event.position;
      }
      this.setCheckpoint.run(last);
    });
  }

  checkpoint(): number {
    return this.getCheckpoint.get()!.position;
  }

  /** Moves the checkpoint to a position every event up to which has been applied (a rebuild that skipped fact-free events). */
  moveCheckpoint(position: number): void {
    if (position > this.checkpoint()) this.setCheckpoint.run(position);
  }

  private insert(fact: Fact): void {
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
  db.prepare(`INSERT OR IGNORE INTO ${schema ? `${schema}.` : ''}checkpoint (id, position) VALUES (1, 0)`).run();
}

function openLive(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(provenanceFileOf(file));
  db.pragma('busy_timeout = 5000');
  db.prepare(`ATTACH DATABASE ? AS ${FIGURES}`).run(file);
  for (const pragma of LIVE_PRAGMAS) {
    db.pragma(pragma);
    db.pragma(`${FIGURES}.${pragma}`);
  }
  createSchema(db, 'provenance', null, true);
  createSchema(db, 'figures', FIGURES, true);
  return db;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/** Feeds a table's rows to `hash` in primary-key order, one line per row: its values as SQL literals (quote(): type-exact). */
function tableDigest(db: Database.Database, table: ReadModelTable, schema: string | null): string {
  const hash = createHash('sha256');
  const spec: TableSpec = READ_MODEL_TABLES[table];
  const line = COLUMNS[table].map((c) => `quote(${c})`).join(` || ',' || `);
  const rows = db.prepare(`SELECT ${line} FROM ${schema ? `${schema}.` : ''}${table} ORDER BY ${spec.primaryKey.join(', ')}`).pluck().iterate() as IterableIterator<string>;
  for (const row of rows) hash.update(`${row}\n`);
  return hash.digest('hex');
}

export type TableDigests = Partial<Record<ReadModelTable, string>>;

/** The read models' digest: both checkpoints and every table's digest, in table order. */
export function combineDigest(checkpoints: Record<ReadModelFile, number>, tables: TableDigests): string {
  const hash = createHash('sha256').update(`read models; checkpoint figures ${checkpoints.figures} provenance ${checkpoints.provenance}\n`);
  for (const table of READ_MODEL_TABLE_NAMES) hash.update(`table ${table} ${tables[table]}\n`);
  return hash.digest('hex');
}

/**
 * A rebuild's private new file(s): written with bulk settings and no secondary indexes, then `finish` builds the
 * indexes and derived tables, moves the checkpoints to `upTo`, digests every table and closes. Either file, or
 * both on one connection (provenance attached).
 */
export class BulkLoad {
  private readonly db: Database.Database;
  private readonly writers: FileWriter[] = [];

  constructor(private readonly targets: Partial<Record<ReadModelFile, string>>) {
    const main = targets.figures ?? targets.provenance!;
    for (const file of Object.values(targets)) removeDatabaseFiles(file);
    this.db = new Database(main);
    const layout: Layout = targets.figures ? { figures: null, ...(targets.provenance ? { provenance: PROVENANCE } : {}) } : { provenance: null };
    if (targets.figures && targets.provenance) this.db.prepare(`ATTACH DATABASE ? AS ${PROVENANCE}`).run(targets.provenance);
    for (const [file, schema] of Object.entries(layout) as [ReadModelFile, string | null][]) {
      for (const pragma of BULK_PRAGMAS) this.db.pragma(schema ? `${schema}.${pragma}` : pragma);
      this.db.pragma(`${schema ? `${schema}.` : ''}cache_size = -${BULK_CACHE_KIB[file]}`);
      createSchema(this.db, file, schema, false);
      this.writers.push(new FileWriter(this.db, file, schema, false));
    }
    this.layout = layout;
  }

  private readonly layout: Layout;

  apply(events: readonly RecordedEvent[]): void {
    for (const writer of this.writers) writer.apply(events);
  }

  /** Indexes, derived tables, checkpoints at `upTo`, the tables' digests; closes the connection. */
  finish(upTo: number): TableDigests {
    const digests: TableDigests = {};
    try {
      for (const writer of this.writers) {
        const schema = this.layout[writer.file]!;
        const tables = tablesIn(writer.file);
        // Derived tables are filled from the facts (which want their indexes), then indexed themselves.
        for (const table of tables.filter((t) => !DERIVED_TABLES.includes(t))) for (const sql of createIndexSql(table, schema)) this.db.exec(sql);
        if (writer.flowParts) this.db.transaction(() => writer.flowParts!.refreshAll())();
        for (const table of tables.filter((t) => DERIVED_TABLES.includes(t))) for (const sql of createIndexSql(table, schema)) this.db.exec(sql);
        writer.moveCheckpoint(upTo);
        for (const table of tables) digests[table] = tableDigest(this.db, table, schema);
      }
      for (const schema of Object.values(this.layout)) this.db.pragma(`${schema ? `${schema}.` : ''}journal_mode = DELETE`);
    } finally {
      this.db.close();
    }
    return digests;
  }

  /** Gives up: closes and removes the new files. */
  abandon(): void {
    if (this.db.open) this.db.close();
    for (const file of Object.values(this.targets)) removeDatabaseFiles(file);
  }
}

/**
 * The read models, rebuildable from the log at any time, in two SQLite files on one connection: the figures'
 * facts (`file`) and the events' provenance (provenanceFileOf(file)), each with its own checkpoint, both
 * written in one transaction per batch.
 */
export class ReadModelStore {
  private connection: Database.Database;
  private figures!: FileWriter;
  private provenance!: FileWriter;

  constructor(readonly file: string) {
    this.connection = this.open();
  }

  private open(): Database.Database {
    const db = openLive(this.file);
    this.figures = new FileWriter(db, 'figures', FIGURES, true);
    this.provenance = new FileWriter(db, 'provenance', null, true);
    this.applyBoth = db.transaction((events: readonly RecordedEvent[]) => {
      this.provenance.apply(events);
      this.figures.apply(events);
    });
    return db;
  }

  private applyBoth!: (events: readonly RecordedEvent[]) => void;

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
   * Runs reads in one transaction: a consistent snapshot. The figures' snapshot is taken first, so the
   * provenance one (taken at its first read, later; and committed first by the writer) holds every event they do.
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
