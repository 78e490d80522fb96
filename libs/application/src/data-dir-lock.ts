import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * One writer per data directory: the API, or the CLI's `rebuild`, `import` and `demo`. A second one refuses to
 * start and names the first.
 *
 * The lock is SQLite's own file lock (fcntl, the one that guards `ledger.sqlite`), taken exclusively on a small
 * database, `DATA_DIR/writer.lock`, and kept for the life of the process. The operating system drops it when the
 * process ends, however it ends (kill -9, a crash, a container stopped), so a lock is never left stale and no
 * liveness guess (pid checks, heartbeats) is needed. Who holds it is written beside it, in `writer.lock.json`,
 * for the refusal message; a file left by a process that is gone is simply overwritten by the next writer.
 */
export const writerLockFile = (dataDir: string) => join(dataDir, 'writer.lock');
export const writerHolderFile = (dataDir: string) => join(dataDir, 'writer.lock.json');

export interface WriterLockHolder {
  pid: number;
  /** What it is, e.g. `the API on port 3000`, `cli rebuild`. */
  command: string;
  /** How it was started when npm started it, e.g. `npm start`. */
  startedBy?: string;
  host: string;
  /** ISO 8601. */
  since: string;
}

/** Another live process holds the data directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: WriterLockHolder | null,
  ) {
    super(`data directory ${dataDir} is in use by ${describeHolder(holder)}; stop it first`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  /** Lets the next writer in (also done by the operating system when this process ends). */
  release(): void;
}

/** Takes the writer lock on `dataDir` for this process, or throws DataDirInUseError naming who holds it. */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(writerLockFile(dataDir), { timeout: 0 }); // refuse at once rather than wait for the holder
  try {
    db.pragma('locking_mode = EXCLUSIVE'); // the lock, once taken, is kept until the connection closes
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS writer_lock (id INTEGER PRIMARY KEY, pid INTEGER)');
    db.prepare('INSERT OR REPLACE INTO writer_lock (id, pid) VALUES (1, ?)').run(process.pid); // a write: the lock is exclusive from here
    db.exec('COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      throw new DataDirInUseError(dataDir, liveHolder(dataDir));
    throw error;
  }
  const holder: WriterLockHolder = {
    pid: process.pid,
    command,
    startedBy: startedByNpm(),
    host: hostname(),
    since: new Date().toISOString(),
  };
  const holderFile = writerHolderFile(dataDir);
  writeFileSync(`${holderFile}.${process.pid}`, `${JSON.stringify(holder)}\n`);
  renameSync(`${holderFile}.${process.pid}`, holderFile); // whole, never half-written
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    if (readHolder(dataDir)?.pid === process.pid) rmSync(holderFile, { force: true });
    db.close();
  };
  // The listener roots the connection for the life of the process: better-sqlite3 closes a collected connection,
  // and a lock held only by a variable nobody reads again was dropped by a garbage collection (a second writer got in).
  process.on('exit', release);
  return { dataDir, release };
}

/** Who holds the lock, as it wrote itself down; null if it has not yet (or the file is unreadable). */
export function readHolder(dataDir: string): WriterLockHolder | null {
  try {
    return JSON.parse(readFileSync(writerHolderFile(dataDir), 'utf8')) as WriterLockHolder;
  } catch {
    return null;
  }
}

/**
 * The holder as written down, unless that names a process of this host that is gone: then the holder took the
 * lock a moment ago and has not written itself down yet, and the file is its dead predecessor's.
 */
function liveHolder(dataDir: string): WriterLockHolder | null {
  const holder = readHolder(dataDir);
  if (!holder || holder.host !== hostname()) return holder;
  try {
    process.kill(holder.pid, 0); // signal 0: only asks whether the process exists
    return holder;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? holder : null;
  }
}

function describeHolder(holder: WriterLockHolder | null): string {
  if (!holder) return 'another process (starting up)';
  const how = [holder.command, holder.startedBy, `since ${holder.since}`].filter(Boolean).join(', ');
  const where = holder.host === hostname() ? '' : ` on host ${holder.host}`;
  return `process ${holder.pid}${where} (${how})`;
}

/** `npm start`, `npm run cli`: what the operator typed, when npm ran us. */
function startedByNpm(): string | undefined {
  const script = process.env.npm_lifecycle_event;
  if (!script) return undefined;
  if (script === 'npx') return 'npx';
  return ['start', 'stop', 'restart', 'test'].includes(script) ? `npm ${script}` : `npm run ${script}`;
}
