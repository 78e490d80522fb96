import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Outcome } from './group-commit';
import { OwnCommitRun } from './own-commit-run';
import { AppendOutcome, AppendRequest, SentError, receivedError } from './sqlite-appender';

/** The compiled worker script; run from TypeScript sources (jest) it is absent and appends stay on the store's thread. */
const WORKER_FILE = join(__dirname, 'append-worker.js');

type Reply =
  | { id: number; outcomes: ({ ok: true; value: AppendOutcome } | { ok: false; error: SentError })[] }
  | { id: number; failed: SentError };

/**
 * The store's side of its append worker (append-worker.ts): started on the first append, it is sent each group of
 * appends and answers their outcomes once the group's COMMIT has returned. It keeps the process alive only while a
 * group is on its way, so a process that never closes its store can still exit when idle.
 */
export class AppendWorkerClient {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (outcomes: Outcome<AppendOutcome>[]) => void; reject: (error: unknown) => void }
  >();

  /** What the worker has committed, set by the worker as each COMMIT returns (before its answer gets here). */
  readonly ownRun = new OwnCommitRun();

  constructor(private readonly file: string) {}

  static available(): boolean {
    return existsSync(WORKER_FILE);
  }

  commit(requests: readonly AppendRequest[]): Promise<Outcome<AppendOutcome>[]> {
    const worker = this.started();
    const id = this.nextId++;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, requests });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref(); // until it has gone: an idle worker is unref'd, and the process would end before this resolved
    worker.postMessage('close');
    await exited;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, { workerData: { file: this.file, ownRun: this.ownRun.shared } });
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (!waiter) return;
      if ('failed' in reply) waiter.reject(receivedError(reply.failed));
      else
        waiter.resolve(
          reply.outcomes.map((outcome) => (outcome.ok ? outcome : { ok: false, error: receivedError(outcome.error) })),
        );
    });
    const fail = (error: unknown) => {
      this.worker = null;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the event store's append worker stopped (exit ${code})`)));
    this.worker = worker;
    return worker;
  }
}
