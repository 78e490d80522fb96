import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { OwnCommitRun } from './own-commit-run';
import { AppendRequest, SqliteAppender, sendableError } from './sqlite-appender';
import { SQLITE_PRAGMAS } from './sqlite-schema';

/**
 * The append worker's thread (sqlite-append-worker-client.ts): its own connection to the log file, on which it
 * commits each group of appends it is sent and answers their outcomes. The store's thread meanwhile goes on
 * serving requests instead of waiting for the fsync.
 */
const port = parentPort;
if (!port) throw new Error('append-worker runs only as a worker thread (sqlite-append-worker-client.ts starts it)');
const { file, ownRun } = workerData as { file: string; ownRun: SharedArrayBuffer };
const db = new Database(file);
for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
const appender = new SqliteAppender(db, new OwnCommitRun(ownRun));

port.on('message', (message: { id: number; requests: AppendRequest[] } | 'close') => {
  if (message === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    const outcomes = appender
      .commit(message.requests)
      .map((outcome) => (outcome.ok ? outcome : { ok: false, error: sendableError(outcome.error) }));
    port.postMessage({ id: message.id, outcomes });
  } catch (error) {
    port.postMessage({ id: message.id, failed: sendableError(error) });
  }
});
