import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { combineDigest, tableDigest } from './digests';
import { FileWriter } from './fact-writer';
import { DerivedReadModels } from './derived-read-models';
import {
  FIGURES,
  LIVE_PRAGMAS,
  READ_MODEL_LAYOUT,
  createSchema,
  ofAnotherLayout,
  provenanceFileOf,
  removeDatabaseFiles,
} from './read-model-files';
import { READ_MODEL_TABLE_NAMES, ReadModelFile } from './read-model-schema';

// what this module always gave: the files' names and layout, the digests, a rebuild's bulk load
export { READ_MODEL_LAYOUT, provenanceFileOf, readModelFile } from './read-model-files';
export { TableDigests, combineDigest } from './digests';
export { BulkLoad } from './rebuild/bulk-load';
export { stageDerivedApart } from './rebuild/derived-apart';

function openLive(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // the two files are one set of read models: either written with another layout, both are rebuilt
  if (ofAnotherLayout(file) || ofAnotherLayout(provenanceFileOf(file)))
    for (const f of [file, provenanceFileOf(file)]) removeDatabaseFiles(f);
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

/**
 * The read models, rebuildable from the log at any time, in two SQLite files on one connection: the figures'
 * facts and the tables derived from them (`file`), and each event's provenance (provenanceFileOf(file)), each
 * with its own checkpoint, both written in one transaction per batch.
 */
export class ReadModelStore {
  private connection: Database.Database;
  private figures!: FileWriter;
  private provenance!: FileWriter;
  private applyBoth!: (events: readonly RecordedEvent[]) => number;

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
      return this.figures.apply(events);
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

  /**
   * Applies events (in log order, after each file's checkpoint) to both files in one transaction: all or nothing.
   * Answers the figures' checkpoint after it (checkpoint(), without reading it again).
   */
  apply(events: readonly RecordedEvent[]): number {
    return this.applyBoth(events);
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
    return {
      figures: `${this.file}.rebuild-${process.pid}`,
      provenance: `${provenanceFileOf(this.file)}.rebuild-${process.pid}`,
    };
  }

  /**
   * Puts rebuilt files in place of the live ones and reopens. Each rename is atomic; whichever file was renamed
   * last, every combination of old and new files is consistent (each has its own checkpoint, and the old one is
   * at or behind the new one), so an interrupted swap loses nothing. Nothing else may have the files open.
   */
  replaceWith(rebuilt: Record<ReadModelFile, string>): void {
    this.connection.close();
    for (const [file, live] of [
      ['provenance', provenanceFileOf(this.file)],
      ['figures', this.file],
    ] as const) {
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
    return this.read((db) =>
      combineDigest(
        { figures: this.figures.checkpoint(), provenance: this.provenance.checkpoint() },
        Object.fromEntries(READ_MODEL_TABLE_NAMES.map((t) => [t, tableDigest(db, t, null)])),
      ),
    );
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
