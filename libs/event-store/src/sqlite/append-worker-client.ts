import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppendResult } from '../event-store.port';
import { Outcome } from './group-commit';
import { OwnCommitRun } from './own-commit-run';
import { AppendOutcome, AppendRequest, SentError, receivedError } from './sqlite-appender';

/** The compiled worker script; run from TypeScript sources (jest) it is absent and appends stay on the store's thread. */
const WORKER_FILE = join(__dirname, 'append-worker.js');

/** One transaction's answer: the hand-offs it committed, in order, and an outcome per append in them. */
export type WorkerReply =
  | { ids: number[]; outcomes: ({ ok: true; value: AppendOutcome } | { ok: false; error: SentError })[] }
  | { ids: number[]; failed: SentError };

/** A group handed to the worker, waiting for the transaction that commits it. */
interface HandedOn {
  requests: readonly AppendRequest[];
  resolve: (answers: Outcome<AppendResult>[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Once a transaction is durable, before anyone in it is answered: what the store makes of its outcomes (its notices
 * and the answers, in order).
 */
export type TellCommitted = (
  requests: readonly AppendRequest[],
  outcomes: Outcome<AppendOutcome>[],
) => Outcome<AppendResult>[];

/**
 * The store's side of its append worker (append-worker.ts). The store's group commit (group-commit.ts) hands each
 * turn's group on at once, without waiting for the transaction in progress; the worker commits every group that
 * reached it while it was busy in its next transaction (one fsync) and answers them together. So the worker never
 * waits for this thread to take in an answer before it starts on the next group. `tell` hears each transaction once,
 * whole, before any group in it is answered.
 *
 * Started on the first append, the worker keeps the process alive only while groups are on their way, so a process
 * that never closes its store can still exit when idle.
 */
export class AppendWorkerClient {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, HandedOn>();
  /** What the worker has committed, set by the worker as each COMMIT returns (before its answer gets here). */
  readonly ownRun = new OwnCommitRun();

  constructor(
    private readonly file: string,
    private readonly tell: TellCommitted,
  ) {}

  static available(): boolean {
    return existsSync(WORKER_FILE);
  }

  /** Hands a group to the worker: an answer per request, once the transaction that committed it has returned. */
  commit(requests: readonly AppendRequest[]): Promise<Outcome<AppendResult>[]> {
    const worker = this.started();
    const id = this.nextId++;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { requests, resolve, reject });
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

  /** One transaction's reply: told once, whole, then each group it committed answered its share, in order. */
  private received(reply: WorkerReply): void {
    const groups: HandedOn[] = [];
    for (const id of reply.ids) {
      const group = this.waiting.get(id);
      this.waiting.delete(id);
      if (group) groups.push(group);
    }
    if (this.waiting.size === 0) this.worker?.unref();
    try {
      if ('failed' in reply) throw receivedError(reply.failed);
      const outcomes = reply.outcomes.map((outcome): Outcome<AppendOutcome> =>
        outcome.ok ? outcome : { ok: false, error: receivedError(outcome.error) },
      );
      const answers = this.tell(
        groups.flatMap((group) => group.requests),
        outcomes,
      );
      let at = 0;
      for (const group of groups) {
        group.resolve(answers.slice(at, at + group.requests.length));
        at += group.requests.length;
      }
    } catch (error) {
      // the transaction failed as a whole (or could not be told): every append in it is refused
      for (const group of groups) group.reject(error);
    }
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, { workerData: { file: this.file, ownRun: this.ownRun.shared } });
    worker.on('message', (reply: WorkerReply) => this.received(reply));
    const fail = (error: unknown) => {
      this.worker = null;
      for (const group of this.waiting.values()) group.reject(error);
      this.waiting.clear();
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the event store's append worker stopped (exit ${code})`)));
    this.worker = worker;
    return worker;
  }
}
