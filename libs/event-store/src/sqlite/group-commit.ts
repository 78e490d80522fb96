/** What one queued request came to inside the shared transaction: its own result, or its own refusal. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Queued<T, R> {
  request: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: requests that arrive together are written by one call of `commitAll` (one transaction, so one
 * fsync), which answers an outcome per request, in order. Nobody is answered before `commitAll` has finished, that
 * is before the commit that made their request durable; if the commit itself fails, every request in it is refused.
 *
 * "Together": those queued in the same turn of the event loop (one `setImmediate`, so a lone request waits for no
 * timer). When `commitAll` works off this thread (a promise: the append worker), each turn's group is handed on at
 * once, without waiting for the groups before it to be answered; the worker commits every group that reached it
 * while it was busy in one transaction (append-worker.ts), so the groups still grow under load.
 */
export class GroupCommit<T, R> {
  private queue: Queued<T, R>[] = [];
  private scheduled = false;
  /** Groups handed on and not yet answered. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly commitAll: (requests: readonly T[]) => Outcome<R>[] | Promise<Outcome<R>[]>) {}

  submit(request: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every request queued, and those that arrive meanwhile, until none is left unanswered (a close). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0 || this.queue.length > 0) {
      this.flush();
      if (this.inFlight.size > 0) await Promise.all(this.inFlight);
    }
  }

  /** Commits what is queued now, or hands it on to be committed. */
  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome<R>[] | Promise<Outcome<R>[]>;
    try {
      outcomes = this.commitAll(batch.map((queued) => queued.request));
    } catch (error) {
      refuseAll(batch, error);
      return;
    }
    if (!(outcomes instanceof Promise)) {
      answer(batch, outcomes);
      return;
    }
    const answered: Promise<void> = outcomes
      .then(
        (done) => answer(batch, done),
        (error: unknown) => refuseAll(batch, error),
      )
      .finally(() => this.inFlight.delete(answered));
    this.inFlight.add(answered);
  }
}

function answer<T, R>(batch: Queued<T, R>[], outcomes: Outcome<R>[]): void {
  batch.forEach((queued, index) => {
    const outcome = outcomes[index];
    if (outcome.ok) queued.resolve(outcome.value);
    else queued.reject(outcome.error);
  });
}

function refuseAll<T, R>(batch: Queued<T, R>[], error: unknown): void {
  for (const queued of batch) queued.reject(error);
}
