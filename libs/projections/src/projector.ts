import { EventStore, RecordedEvent, Subscription } from '@benefit-ledger/event-store';
import { CommitNoticeFeed, NotifyingStore } from './commit-notice-feed';
import { foldInto } from './fold-into';
import { ReadModelStore } from './read-model-store';

/** The log position the store has reached; the projector waits for it before a query answers. */
export type HeadPosition = () => Promise<number>;

export class ProjectionLagError extends Error {}

/** Events applied per transaction when catching up in place. */
const CATCH_UP_BATCH = 500;

/** Live events applied in one read-model transaction at most; a longer run (a catch-up) is applied as it comes. */
const LIVE_BATCH = 500;

/**
 * Keeps the read models caught up with the log: catch-up then live through the store's subscription. Events
 * delivered in the same turn of the event loop (a group commit's, a catch-up page) are applied in one transaction.
 * Queries call `caughtUp()` first, so an answer includes every event that was acknowledged before the query began
 * (read-your-writes).
 */
export class Projector {
  private subscription: Subscription | null = null;
  private waiters: { position: number; resolve: () => void }[] = [];
  private failure: Error | null = null;
  private pending: RecordedEvent[] = [];
  private flushScheduled = false;

  /**
   * `catchUpWhenStopped`: for a process that never keeps the read models live (a CLI command), `reached` applies
   * the log itself instead of waiting for a subscription.
   */
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly head: HeadPosition,
    private readonly options: { catchUpWhenStopped?: boolean } = {},
  ) {}

  /**
   * Live from the store's commit notices where it gives them (SQLite: what this process appends is applied without
   * reading it back, commit-notice-feed.ts), else (EventStoreDB) from its subscription; both read the log for the rest.
   */
  start(): void {
    if (this.subscription) return;
    const after = this.readModels.resumePosition();
    const onError = (error: unknown) => this.fail(error);
    this.subscription = this.store.onAppended
      ? new CommitNoticeFeed(this.store as NotifyingStore, after, (event) => this.applyOne(event), onError)
      : this.store.subscribeToAll({ after, onError }, (event) => this.applyOne(event));
  }

  /** Holds an event for this turn's batch; a full batch is applied at once, so a long catch-up never piles up. */
  private applyOne(event: RecordedEvent): void {
    this.pending.push(event);
    if (this.pending.length >= LIVE_BATCH) this.applyPending();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        try {
          this.applyPending();
        } catch (error) {
          this.fail(error);
          void this.subscription?.stop();
        }
      });
    }
  }

  private applyPending(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    let position: number;
    try {
      position = this.readModels.apply(batch);
    } catch {
      // the batch was rolled back whole: apply it one event at a time, so that every event before the failing one
      // is applied and the failure names the event that failed
      position = this.readModels.checkpoint();
      for (const event of batch) position = this.readModels.apply([event]);
    }
    this.waiters = this.waiters.filter((w) => (w.position <= position ? (w.resolve(), false) : true));
  }

  /** A method, not an inline check: the failure can be set while `reached` awaits, which narrowing would not see. */
  private throwIfStopped(): void {
    if (this.failure) throw new ProjectionLagError(`projections stopped: ${this.failure.toString()}`);
  }

  private fail(error: unknown): void {
    // anything thrown is kept as an Error, so the lag error below can name it
    this.failure = error instanceof Error ? error : new Error(`a non-Error was thrown: ${JSON.stringify(error)}`);
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  /** Resolves once every event in the log when called has been applied. */
  async caughtUp(timeoutMs = 10_000): Promise<void> {
    return this.reached(await this.head(), timeoutMs);
  }

  /**
   * Resolves once the read models have applied the log up to `target` (a global position). Stopped and asked to
   * (`catchUpWhenStopped`), it applies the log up to there itself, now: each file skips what it holds already,
   * inside its own transaction, so a projector elsewhere on the same files does no harm.
   */
  async reached(target: number, timeoutMs = 10_000): Promise<void> {
    this.throwIfStopped();
    if (this.readModels.checkpoint() >= target) return;
    if (!this.subscription && this.options.catchUpWhenStopped) return this.catchUpTo(target);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new ProjectionLagError(
              `projections are behind the log (at ${this.readModels.checkpoint()}, log at ${target})`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        position: target,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
    this.throwIfStopped();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    this.applyPending(); // what was delivered before the stop is applied, not dropped
  }

  private async catchUpTo(target: number): Promise<void> {
    const read = this.store.readAll({ after: this.readModels.resumePosition(), batchSize: CATCH_UP_BATCH });
    await foldInto((batch) => this.readModels.apply(batch), read, target, CATCH_UP_BATCH);
  }
}
