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

interface Submitted {
  request: AppendRequest;
  resolve: (result: AppendResult) => void;
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
 * The store's side of its append worker (append-worker.ts). Group commit, pipelined: the appends submitted in one turn
 * of this thread's event loop are handed to the worker at once (one message), without waiting for the transaction in
 * progress; the worker commits every hand-off that reached it while it was busy in its next transaction (one fsync).
 * So the worker never waits for this thread to take in an answer before it starts on the next group. Each append is
 * answered only after the COMMIT of the transaction that wrote it has returned.
 *
 * Started on the first append, the worker keeps the process alive only while appends are on their way, so a process
 * that never closes its store can still exit when idle.
 */
export class AppendWorkerClient {
  private worker: Worker | null = null;
  private nextId = 0;
  private outgoing: Submitted[] = [];
  private sendScheduled = false;
  private readonly waiting = new Map<number, Submitted[]>();
  private idle: (() => void)[] = [];
  /** What the worker has committed, set by the worker as each COMMIT returns (before its answer gets here). */
  readonly ownRun = new OwnCommitRun();

  constructor(
    private readonly file: string,
    private readonly tell: TellCommitted,
  ) {}

  static available(): boolean {
    return existsSync(WORKER_FILE);
  }

  submit(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.outgoing.push({ request, resolve, reject });
      if (!this.sendScheduled) {
        this.sendScheduled = true;
        setImmediate(() => this.send()); // a turn's appends go together; a lone one waits for no timer
      }
    });
  }

  /** Resolves once every append submitted so far has been answered. */
  async drain(): Promise<void> {
    while (this.outgoing.length > 0 || this.waiting.size > 0) {
      this.send();
      if (this.waiting.size > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref(); // until it has gone: an idle worker is unref'd, and the process would end before this resolved
    worker.postMessage('close');
    await exited;
  }

  private send(): void {
    this.sendScheduled = false;
    const batch = this.outgoing;
    this.outgoing = [];
    if (batch.length === 0) return;
    let worker: Worker;
    try {
      worker = this.started();
    } catch (error) {
      for (const submitted of batch) submitted.reject(error);
      return;
    }
    const id = this.nextId++;
    this.waiting.set(id, batch);
    worker.ref();
    worker.postMessage({ id, requests: batch.map((submitted) => submitted.request) });
  }

  private received(reply: WorkerReply): void {
    const submitted: Submitted[] = [];
    for (const id of reply.ids) {
      submitted.push(...(this.waiting.get(id) ?? []));
      this.waiting.delete(id);
    }
    try {
      if ('failed' in reply) throw receivedError(reply.failed);
      const outcomes = reply.outcomes.map((outcome): Outcome<AppendOutcome> =>
        outcome.ok ? outcome : { ok: false, error: receivedError(outcome.error) },
      );
      const answers = this.tell(
        submitted.map((s) => s.request),
        outcomes,
      );
      submitted.forEach((s, index) => {
        const answer = answers[index];
        if (answer.ok) s.resolve(answer.value);
        else s.reject(answer.error);
      });
    } catch (error) {
      // the transaction failed as a whole (or was not answered as one): every append in it is refused
      for (const s of submitted) s.reject(error);
    } finally {
      this.settled();
    }
  }

  private settled(): void {
    if (this.waiting.size > 0) return;
    this.worker?.unref();
    const idle = this.idle;
    this.idle = [];
    for (const resolve of idle) resolve();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, { workerData: { file: this.file, ownRun: this.ownRun.shared } });
    worker.on('message', (reply: WorkerReply) => this.received(reply));
    const fail = (error: unknown) => {
      this.worker = null;
      for (const batch of this.waiting.values()) for (const submitted of batch) submitted.reject(error);
      this.waiting.clear();
      this.settled();
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the event store's append worker stopped (exit ${code})`)));
    this.worker = worker;
    return worker;
  }
}
