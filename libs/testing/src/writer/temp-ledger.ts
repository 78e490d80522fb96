import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, RecordedEvent, SqliteEventStore } from '@benefit-ledger/event-store';
import { ReadModelStore } from '@benefit-ledger/projections';
import { LedgerWriter } from './ledger-writer';

/** Every event in the store's log, in order. */
export async function readLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
}

/** A real SQLite event store and a real read-model store, each on its own file in a fresh temporary directory. */
export interface TempLedger {
  dir: string;
  store: SqliteEventStore;
  readModels: ReadModelStore;
  writer: LedgerWriter;
  /** Another read-model store on its own file in the same directory. */
  openReadModels(name: string): ReadModelStore;
  close(): Promise<void>;
}

export function tempLedger(options: { startAt?: string; stepMs?: number } = {}): TempLedger {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  const store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
  const readModels = new ReadModelStore(join(dir, 'read-models.sqlite'));
  const others: ReadModelStore[] = [];
  return {
    dir,
    store,
    readModels,
    writer: new LedgerWriter(store, options),
    openReadModels: (name) => {
      const rm = new ReadModelStore(join(dir, name));
      others.push(rm);
      return rm;
    },
    close: async () => {
      for (const rm of [readModels, ...others]) rm.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
