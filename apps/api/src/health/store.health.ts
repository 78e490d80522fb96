import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore, SqliteEventStore } from '@benefit-ledger/event-store';

/** How long the store may take to say where its log ends before it counts as unreachable. */
const STORE_TIMEOUT_MS = 3000;
/** The first 16 bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

interface FileIdentity {
  dev: number;
  ino: number;
}

/**
 * Store reachable: the store answers where its log ends, and, for the embedded store, the file at the ledger's path
 * is still the SQLite file it opened and can be opened and read. An open connection keeps reading and writing a file
 * that was moved, replaced or made unreadable under it, so asking the connection alone would not tell; yet what it
 * writes then is lost to everyone else (a restart, the CLI, a backup open the path, not the connection's file): not ready.
 */
@Injectable()
export class StoreHealth {
  private readonly ledger: { file: string; opened: FileIdentity } | null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly indicators: HealthIndicatorService,
  ) {
    // the store has opened (or created) the file by now: remember which file that is
    this.ledger =
      store instanceof SqliteEventStore && store.file !== ':memory:'
        ? { file: store.file, opened: identityOf(statSync(store.file)) }
        : null;
  }

  async check() {
    const indicator = this.indicators.check('store');
    try {
      if (this.ledger) await checkLedgerFile(this.ledger.file, this.ledger.opened);
      await withTimeout(
        this.store.headPosition(),
        STORE_TIMEOUT_MS,
        `the store did not answer within ${STORE_TIMEOUT_MS / 1000} s`,
      );
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

async function checkLedgerFile(file: string, opened: FileIdentity): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `the ledger file ${file} is gone`
        : `the ledger file ${file} cannot be opened (${code ?? (error as Error).message})`,
      { cause: error },
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(`the ledger file ${file} is not a file`);
    if (stat.dev !== opened.dev || stat.ino !== opened.ino)
      throw new Error(`the ledger file ${file} is not the file the API opened (it was replaced)`);
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    if (bytesRead < header.length || !header.equals(SQLITE_HEADER))
      throw new Error(`the ledger file ${file} does not start as an SQLite database`);
  } finally {
    await handle.close();
  }
}

function identityOf(stat: { dev: number; ino: number }): FileIdentity {
  return { dev: stat.dev, ino: stat.ino };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
