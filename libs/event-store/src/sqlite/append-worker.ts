import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { WorkerReply } from './append-worker-client';
import { OwnCommitRun } from './own-commit-run';
import { AppendRequest, SqliteAppender, sendableError } from './sqlite-appender';
import { SQLITE_PRAGMAS } from './sqlite-schema';

/**
 * The append worker's thread (append-worker-client.ts): its own connection to the log file. Every hand-off that
 * reached it while it was committing is committed together in its next transaction (one fsync), and each hand-off's
 * outcomes are answered once that COMMIT has returned. The store's thread meanwhile goes on serving requests, and
 * hands on more, instead of waiting for the fsync.
 */
const port = parentPort;
if (!port) throw new Error('append-worker runs only as a worker thread (append-worker-client.ts starts it)');
const { file, ownRun } = workerData as { file: string; ownRun: SharedArrayBuffer };
const db = new Database(file);
for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
const appender = new SqliteAppender(db, new OwnCommitRun(ownRun));

type HandOff = { id: number; requests: AppendRequest[] };
let received: HandOff[] = [];
let commitScheduled = false;

port.on('message', (message: HandOff | 'close') => {
  if (message === 'close') {
    commitReceived(); // the store drains before it closes; nothing sent is ever left unanswered
    db.close();
    port.close();
    return;
  }
  received.push(message);
  if (!commitScheduled) {
    commitScheduled = true;
    // after this turn's messages: those that arrived during the last COMMIT are all delivered in one turn
    setImmediate(commitReceived);
  }
});

function commitReceived(): void {
  commitScheduled = false;
  const handOffs = received;
  received = [];
  if (handOffs.length === 0) return;
  const ids = handOffs.map((handOff) => handOff.id);
  let reply: WorkerReply;
  try {
    const outcomes = appender
      .commit(handOffs.flatMap((handOff) => handOff.requests))
      .map((outcome) => (outcome.ok ? outcome : { ok: false as const, error: sendableError(outcome.error) }));
    reply = { ids, outcomes };
  } catch (error) {
    reply = { ids, failed: sendableError(error) };
  }
  port?.postMessage(reply);
}
