import Database from 'better-sqlite3';
import { RecordedEvent, SqliteEventStore } from '@benefit-ledger/event-store';
import {
  FIGURES_FROM_SQLITE_LOG,
  ROW_FACT_EVENTS_FROM_SQLITE_LOG,
  PROVENANCE_FROM_SQLITE_LOG,
  ROW_FACT_TABLES,
  UNFOLDED_FROM_SQLITE_LOG,
} from '../facts';
import { NOTE_FOR_FOLD } from '../facts/keys-once-sql';
import { NOTE_UNFOLDED } from '../facts/row-spec';
import { ROW_FACT_EVENTS } from '../facts/row-fact-events';
import { FileWriter } from '../fact-writer';
import { DerivedReadModels, DerivedTable } from '../derived-read-models';
import { REALISATION_INPUTS } from '../benefit-realisations';
import { DERIVED_APART, DerivedApart, REBUILD_CACHE, copyStaged, exportDerivationInputs } from './derived-apart';
import { TableDigests, tableDigest } from '../digests';
import {
  BULK_PRAGMAS,
  DERIVED_TABLES,
  READ_MODEL_LAYOUT,
  createSchema,
  isDerived,
  removeDatabaseFiles,
  syncToDisk,
  syncToDiskInBackground,
} from '../read-model-files';
import {
  READ_MODEL_TABLES,
  ReadModelFile,
  ReadModelTable,
  TableSpec,
  createIndexSql,
  tableFile,
  tablesIn,
} from '../read-model-schema';
import { present } from '../required';

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
  /** The positions the statements from the log left to the fold so far (NOTE_FOR_FOLD). */
  private noted: number[] = [];
  /** The positions they left out for a money figure beyond the ceiling, not recorded yet (NOTE_UNFOLDED). */
  private readonly unfolded: number[] = [];
  private rowFactEventsIndexed = false;
  /** How many events this load folded aside of those statements (none, for a log as the store wrote it). */
  foldedAside = 0;

  constructor(private readonly targets: Partial<Record<ReadModelFile, string>>) {
    for (const file of Object.values(targets)) removeDatabaseFiles(file);
    this.db = new Database(present(targets.figures ?? targets.provenance, 'a read model file to load'));
    this.layout = targets.figures
      ? { figures: null, ...(targets.provenance ? { provenance: 'provenance' } : {}) }
      : { provenance: null };
    if (targets.figures && targets.provenance)
      this.db.prepare('ATTACH DATABASE ? AS provenance').run(targets.provenance);
    for (const [file, schema] of Object.entries(this.layout) as [ReadModelFile, string | null][]) {
      // Always name the file: unnamed, locking_mode would also lock a file attached later (the log).
      for (const pragma of [...BULK_PRAGMAS, REBUILD_CACHE]) this.db.pragma(`${schema ?? 'main'}.${pragma}`);
      createSchema(this.db, file, schema, false);
      this.writers.push(new FileWriter(this.db, file, schema, null, this.indexed));
    }
    this.applyAll = this.db.transaction((events: readonly RecordedEvent[]) => {
      for (const writer of this.writers) writer.apply(events);
    });
    this.db.pragma(`temp.${REBUILD_CACHE}`);
    this.db.function(NOTE_FOR_FOLD, (position) => {
      this.noted.push(position as number);
      return 0;
    });
    this.db.function(NOTE_UNFOLDED, (position) => {
      this.unfolded.push(position as number);
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
    if (this.layout.provenance === undefined)
      throw new Error('loadProvenanceFromSqliteLog needs the provenance file in this load');
    return this.withLog(ledgerFile, () =>
      this.db.transaction(() => {
        const writer = this.writer('provenance');
        const made = this.db.prepare(PROVENANCE_FROM_SQLITE_LOG).run({ upTo }).changes;
        const folded = this.foldNoted(ledgerFile, writer);
        if (folded > 0) writer.recomputeKnownAt();
        writer.moveCheckpoint(upTo);
        return made + folded;
      })(),
    );
  }

  /**
   * Has SQLite make the row facts of the given tables (default: all) straight from an embedded SQLite log, up to
   * `upTo` (FIGURES_FROM_SQLITE_LOG). `apply` must then not be given events of their types (ROW_FACT_TYPES).
   */
  loadRowFactsFromSqliteLog(
    ledgerFile: string,
    upTo: number,
    tables: readonly ReadModelTable[] = ROW_FACT_TABLES,
  ): void {
    if (this.layout.figures === undefined)
      throw new Error('loadRowFactsFromSqliteLog needs the figures file in this load');
    this.withLog(ledgerFile, () =>
      this.db.transaction(() => {
        // once per load (its first call): the row-fact events indexed by table, so that each statement reads only its own
        if (!this.rowFactEventsIndexed) {
          this.db.exec(ROW_FACT_EVENTS_FROM_SQLITE_LOG.create);
          this.db.prepare(ROW_FACT_EVENTS_FROM_SQLITE_LOG.fill).run({ upTo });
          this.rowFactEventsIndexed = true;
        }
        for (const table of tables)
          this.db
            .prepare(present(FIGURES_FROM_SQLITE_LOG[table], `the SQL loading ${table} from the log`))
            .run({ upTo });
        // those the statements left out for a money figure beyond the ceiling (usually none: read by position)
        this.db.prepare(UNFOLDED_FROM_SQLITE_LOG).run({ positions: JSON.stringify(this.unfolded.splice(0)) });
        this.foldNoted(ledgerFile, this.writer('figures'));
      })(),
    );
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
    this.db.pragma(`log.${REBUILD_CACHE}`);
    try {
      return fn();
    } finally {
      this.db.prepare('DETACH DATABASE log').run();
    }
  }

  private writer(file: ReadModelFile): FileWriter {
    return present(
      this.writers.find((w) => w.file === file),
      `the writer of the ${file} file (not in this load)`,
    );
  }

  /** The indexes of these tables, fed by events and now complete (a table already indexed is left as it is). */
  indexTables(tables: readonly ReadModelTable[]): void {
    for (const table of tables) {
      if (this.indexed.has(table)) continue;
      for (const sql of createIndexSql(table, this.layout[tableFile(table)])) this.db.exec(sql);
      this.indexed.add(table);
    }
  }

  /**
   * The indexes of every table fed by events not indexed yet, and every file's checkpoint at `upTo`. With the
   * figures' file, then benefit_realisations (it reads the capacity facts, complete only now), unless another
   * thread derives it (`realisationsApart`: copyDerivedFrom brings it in).
   */
  indexEventTables(upTo: number, realisationsApart = false): void {
    this.db.exec(`DROP TABLE IF EXISTS ${ROW_FACT_EVENTS}`); // the row facts are made: their index of the log is done with
    for (const writer of this.writers) {
      this.indexTables(tablesIn(writer.file).filter((t) => !isDerived(t)));
      writer.moveCheckpoint(upTo);
    }
    if (this.layout.figures !== undefined && !realisationsApart) this.buildDerived(['benefit_realisations']);
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
   * Copies what flow_parts (FLOW_PART_INPUTS, with only the index the derivation reads each through) and
   * benefit_realisations (REALISATION_INPUTS: indexed here, copied with every index) are derived from into a new file,
   * for another thread to derive both there (stageDerivedApart) while this load goes on. Into empty tables whose every
   * index the source has too: SQLite copies the records as they are (its transfer optimisation).
   */
  exportDerivationInputs(stagingFile: string): void {
    this.indexTables(REALISATION_INPUTS);
    exportDerivationInputs(this.db, stagingFile);
  }

  /**
   * Derived tables (default: flow_parts and benefit_realisations) from the files another thread derived them in
   * (stageDerivedApart), then their indexes. Into empty tables: see copyStaged.
   */
  copyDerivedFrom(stagingFile: string, tables: readonly DerivedApart[] = DERIVED_APART): void {
    if (this.layout.figures !== null)
      throw new Error('copyDerivedFrom needs the figures file as the main database of this load');
    for (const table of tables) copyStaged(this.db, stagingFile, table);
    this.indexTables(tables);
  }

  /**
   * The digests of the given tables (default: every table of the files in this load); `between` is called every
   * so many rows (tableDigest), e.g. to take up more urgent work.
   */
  digests(
    tables: readonly ReadModelTable[] = Object.keys(this.layout).flatMap((file) => tablesIn(file as ReadModelFile)),
    between?: () => void,
  ): TableDigests {
    const digests: TableDigests = {};
    // a table outside the combined digest is not digested here (combineDigest would leave it out)
    for (const table of tables.filter((t) => !(READ_MODEL_TABLES[t] as TableSpec).outsideCombinedDigest))
      digests[table] = tableDigest(this.db, table, this.layout[tableFile(table)] ?? null, between);
    return digests;
  }

  /**
   * Starts writing the files' data to disk in the background once most of it is written (e.g. before the digests,
   * which only read), so that close, which syncs again, waits only for the rest. A failure here is close's to report.
   */
  startSyncing(): void {
    for (const file of Object.values(this.targets)) syncToDiskInBackground(file).catch(() => undefined);
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
