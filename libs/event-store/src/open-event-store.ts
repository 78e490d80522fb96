import { EventStoreConfig, sqliteFile } from './event-store.config';
import { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** Opens the configured store. The EventStoreDB adapter is loaded only when it is asked for. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  if (config.eventStoreConnectionString) {
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString);
  }
  return new SqliteEventStore(sqliteFile(config.dataDir));
}
