import { AppConfig, lockDataDir } from '@benefit-ledger/application';

/**
 * Runs a command that writes to DATA_DIR (`rebuild`, `import`, `demo`) holding the data directory's writer lock:
 * refused at once, naming the holder's pid, while the API or another writer runs on the same DATA_DIR.
 * Read-only commands (`verify`, `digest`, `export`, `audit-pack`, `token`, `verify-pack`) do not take it.
 */
export async function asTheWriter<T>(config: AppConfig, command: string, work: () => Promise<T>): Promise<T> {
  const lock = lockDataDir(config.dataDir, `cli ${command}`);
  try {
    return await work();
  } finally {
    lock.release();
  }
}
