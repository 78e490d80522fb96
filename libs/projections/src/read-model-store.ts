import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { Fact, factsOf } from './facts';
import {
  CHECKPOINT_SQL, READ_MODEL_TABLES, READ_MODEL_TABLE_NAMES, ReadModelTable, TableSpec, columnName, createTableSql,
} from './read-model-schema';

export const readModelFile = (dataDir: string) => join(dataDir, 'read-models.sqlite');

/**
 * The read models in their own SQLite file, rebuildable from the log at any time. Each batch of events is
 * applied in one transaction together with the checkpoint, so a reader never sees half an event.
 * Durability is relaxed (synchronous=NORMAL): after a crash the projector simply catches up again.
 */
export class ReadModelStore {
  readonly db: Database.Database;
  private inserts!: Record<ReadModelTable, Database.Statement>;
  private readonly columns: Record<ReadModelTable, string[]>;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.columns = Object.fromEntries(READ_MODEL_TABLE_NAMES.map((t) => [t, (READ_MODEL_TABLES[t] as TableSpec).columns.map(columnName)])) as Record<ReadModelTable, string[]>;
    this.createSchema();
    const setCheckpoint = this.db.prepare('UPDATE checkpoint SET position = ? WHERE id = 1');
    this.applyTransaction = this.db.transaction((events: readonly RecordedEvent[]) => {
      let last = this.checkpoint();
      for (const event of events) {
        if (event.position <= last) continue; // at-least-once delivery: already applied
        for (const fact of factsOf(event)) this.insert(fact);
        last = event.position;
      }
      setCheckpoint.run(last);
    });
  }

  private createSchema(): void {
    this.db.exec(CHECKPOINT_SQL);
    for (const table of READ_MODEL_TABLE_NAMES) for (const sql of createTableSql(table)) this.db.exec(sql);
    this.db.prepare('INSERT OR IGNORE INTO checkpoint (id, position) VALUES (1, 0)').run();
    this.inserts = Object.fromEntries(READ_MODEL_TABLE_NAMES.map((t) => {
      const cols = this.columns[t];
      return [t, this.db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)];
    })) as Record<ReadModelTable, Database.Statement>;
  }

  /** The global position of the last event applied (0 before any). */
  checkpoint(): number {
    return (this.db.prepare('SELECT position FROM checkpoint WHERE id = 1').get() as { position: number }).position;
  }

  /** Applies events (in log order, after the checkpoint) and moves the checkpoint, all or nothing. */
  apply(events: readonly RecordedEvent[]): void {
    this.applyTransaction(events);
  }

  private readonly applyTransaction: (events: readonly RecordedEvent[]) => void;

  private insert(fact: Fact): void {
    this.inserts[fact.table].run(this.columns[fact.table].map((c) => fact.row[c] ?? null));
  }

  /** Runs reads in one transaction: a consistent snapshot of the read models. */
  read<T>(fn: (db: Database.Database) => T): T {
    return this.db.transaction(() => fn(this.db))();
  }

  /** Empties every read model and the checkpoint (for a rebuild from position zero). */
  reset(): void {
    this.db.transaction(() => {
      for (const table of READ_MODEL_TABLE_NAMES) this.db.exec(`DELETE FROM ${table}`);
      this.db.prepare('UPDATE checkpoint SET position = 0 WHERE id = 1').run();
    })();
  }

  /**
   * sha256 over every read model's rows in primary-key order and the checkpoint: equal digests mean
   * byte-identical read models, however they were built (live catch-up or rebuild).
   */
  digest(): string {
    const hash = createHash('sha256');
    this.read((db) => {
      hash.update(`checkpoint ${this.checkpoint()}\n`);
      for (const table of READ_MODEL_TABLE_NAMES) {
        hash.update(`table ${table}\n`);
        const spec: TableSpec = READ_MODEL_TABLES[table];
        const rows = db.prepare(`SELECT ${this.columns[table].join(', ')} FROM ${table} ORDER BY ${spec.primaryKey.join(', ')}`).raw().iterate();
        for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
      }
    });
    return hash.digest('hex');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
