import { EventStore, RecordedEvent, Subscription } from '@benefit-ledger/event-store';
import { ReadModelStore } from './read-model-store';

/** The log position the store has reached; the projector waits for it before a query answers. */
export type HeadPosition = () => Promise<number>;

export class ProjectionLagError extends Error {}

/**
 * Keeps the read models caught up with the log: catch-up then live through the store's subscription,
 * one transaction per event. Queries call `caughtUp()` first, so an answer includes every event that
 * was acknowledged before the query began (read-your-writes).
 */
export class Projector {
  private subscription: Subscription | null = null;
  private waiters: { position: number; resolve: () => void }[] = [];
  private failure: unknown = null;

  constructor(private readonly store: EventStore, private readonly readModels: ReadModelStore, private readonly head: HeadPosition) {}

  start(): void {
    if (this.subscription) return;
    this.subscription = this.store.subscribeToAll(
      { after: this.readModels.checkpoint(), onError: (error) => this.fail(error) },
      (event) => this.applyOne(event),
    );
  }

  private applyOne(event: RecordedEvent): void {
    this.readModels.apply([event]);
    const position = this.readModels.checkpoint();
    this.waiters = this.waiters.filter((w) => (w.position <= position ? (w.resolve(), false) : true));
  }

  private fail(error: unknown): void {
    this.failure = error;
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  /** Resolves once every event in the log when called has been applied. */
  async caughtUp(timeoutMs = 10_000): Promise<void> {
    return this.reached(await this.head(), timeoutMs);
  }

  /** Resolves once the read models have applied the log up to `target` (a global position). */
  async reached(target: number, timeoutMs = 10_000): Promise<void> {
    if (this.failure) throw new ProjectionLagError(`projections stopped: ${String(this.failure)}`);
    if (this.readModels.checkpoint() >= target) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ProjectionLagError(`projections are behind the log (at ${this.readModels.checkpoint()}, log at ${target})`)), timeoutMs);
      this.waiters.push({ position: target, resolve: () => { clearTimeout(timer); resolve(); } });
    });
    if (this.failure) throw new ProjectionLagError(`projections stopped: ${String(this.failure)}`);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }
}

/**
 * Drops every read model and folds the whole log again from position zero, in batches of `batchSize`
 * events per transaction. Returns the digest of the result.
 */
export async function rebuildReadModels(
  store: EventStore, readModels: ReadModelStore, options: { batchSize?: number; onProgress?: (events: number, position: number) => void } = {},
): Promise<{ events: number; digest: string }> {
  const batchSize = options.batchSize ?? 5000;
  readModels.reset();
  let batch: RecordedEvent[] = [];
  let events = 0;
  for await (const event of store.readAll({ batchSize })) {
    batch.push(event);
    if (batch.length >= batchSize) {
      readModels.apply(batch);
      events += batch.length;
      options.onProgress?.(events, event.position);
      batch = [];
    }
  }
  if (batch.length) {
    readModels.apply(batch);
    events += batch.length;
    options.onProgress?.(events, batch[batch.length - 1].position);
  }
  return { events, digest: readModels.digest() };
}
