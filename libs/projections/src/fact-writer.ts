import Database from 'better-sqlite3';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { Fact, SOURCE_JSON_SQL, figureFactsOf, provenanceOf } from './facts';
import { DerivedReadModels } from './derived-read-models';
import { COLUMNS, isDerived, qualified } from './read-model-files';
import { ReadModelFile, ReadModelTable, tablesIn } from './read-model-schema';
import { present } from './required';

/**
 * Applies events to the event-fed tables of one file and moves that file's checkpoint, in its caller's transaction
 * (one per batch, over every file it writes): a reader never sees half an event. The figures' writer also keeps
 * the derived tables in step, per event, when given them (live); a bulk load builds those once at the end instead.
 */
export class FileWriter {
  private readonly inserts: Partial<Record<ReadModelTable, Database.Statement>> = {};
  private readonly getCheckpoint: Database.Statement<[], { position: number }>;
  private readonly setCheckpoint: Database.Statement;
  private readonly lastKnownAt: Database.Statement<[], { known_at: string }> | null;
  private readonly sourceJson: Database.Statement;

  /** `complete` (a bulk load): tables already indexed and read from; a fact for one of them is a fault in the load's order. */
  constructor(
    readonly db: Database.Database,
    readonly file: ReadModelFile,
    readonly schema: string | null,
    private readonly derived: DerivedReadModels | null,
    private readonly complete: ReadonlySet<ReadModelTable> = new Set(),
  ) {
    for (const table of tablesIn(file).filter((t) => !isDerived(t))) {
      const cols = COLUMNS[table];
      this.inserts[table] = db.prepare(
        `INSERT INTO ${qualified(schema, table)} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
    }
    this.getCheckpoint = db.prepare(`SELECT position FROM ${qualified(schema, 'checkpoint')} WHERE id = 1`);
    this.setCheckpoint = db.prepare(`UPDATE ${qualified(schema, 'checkpoint')} SET position = ? WHERE id = 1`);
    this.lastKnownAt =
      file === 'provenance'
        ? db.prepare(`SELECT known_at FROM ${qualified(schema, 'events_seen')} ORDER BY position DESC LIMIT 1`)
        : null;
    this.sourceJson = db.prepare(SOURCE_JSON_SQL).pluck();
  }

  /**
   * Not a transaction of its own: the caller's one covers the batch in every file (a nested one costs a SAVEPOINT).
   * Answers the checkpoint it leaves.
   */
  apply(events: readonly RecordedEvent[]): number {
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
    return last;
  }

  private provenanceOf(event: RecordedEvent, knownAt: string): Fact {
    // only the source goes to SQLite, and only when there is one: `->` renders it alike inside any object
    const source = (event.data as { source?: unknown }).source;
    return provenanceOf(
      event,
      knownAt,
      source === undefined ? null : (this.sourceJson.get(JSON.stringify({ source })) as string | null),
    );
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
    this.db
      .prepare(
        `UPDATE ${table} SET known_at = k.known_at
      FROM (SELECT position, MAX(recorded_at) OVER (ORDER BY position ROWS UNBOUNDED PRECEDING) AS known_at FROM ${table}) AS k
     WHERE ${table}.position = k.position AND ${table}.known_at IS NOT k.known_at`,
      )
      .run();
  }

  checkpoint(): number {
    return present(this.getCheckpoint.get(), "the read models' checkpoint row").position;
  }

  /** Moves the checkpoint to a position every event up to which has been applied (a rebuild that skipped fact-free events). */
  moveCheckpoint(position: number): void {
    if (position > this.checkpoint()) this.setCheckpoint.run(position);
  }

  private insert(fact: Fact): void {
    if (this.complete.has(fact.table))
      throw new Error(`a rebuild folded an event with a ${fact.table} fact after that table was complete`);
    const columns = COLUMNS[fact.table];
    const values = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) values[i] = fact.row[columns[i]] ?? null;
    present(this.inserts[fact.table], `an insert for ${fact.table} (not in this read model file)`).run(values);
  }
}
