import { join } from 'node:path';

/** Which store to use: EventStoreDB when a connection string is given, else the embedded SQLite file. */
export interface EventStoreConfig {
  dataDir: string;
  eventStoreConnectionString?: string;
}

export const sqliteFile = (dataDir: string) => join(dataDir, 'ledger.sqlite');
