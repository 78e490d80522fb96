import {
  CommittedAppend,
  EventStore,
  RecordedEvent,
  Subscription,
  recordedEventsOf,
} from '@benefit-ledger/event-store';

/** How often the feed looks in the log for appends it was not told of (another store instance or process). */
const POLL_MS = 200;

/** A store that tells what it commits (SQLite). */
export type NotifyingStore = EventStore & Required<Pick<EventStore, 'onAppended'>>;

/**
 * The log from a position on, in order, each event once: what `subscribeToAll` delivers, but fed by the store's
 * commit notices (`onAppended`) instead of reading back what this store has just written. A notice whose events
 * follow on from the last one delivered (no gap in positions) is delivered as it is; anything else (a gap: another
 * writer on the file; the start; events already in the log) is read from the log, as a subscription would. A timer
 * looks in the log too, every POLL_MS while no notice comes, for appends by another process that no notice of ours
 * follows.
 */
export class CommitNoticeFeed implements Subscription {
  /** The position of the last event handed on; nothing at or below it is handed on again. */
  private delivered: number;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private stopped = false;
  /** Whether a notice came since the timer last looked: a writer we were not told of shows as a gap in the next. */
  private toldSinceLook = false;
  private readonly stopNotices: () => void;
  private readonly poll: NodeJS.Timeout;
  /** Events read from the log rather than taken from a notice (for tests and profiles). */
  logReads = 0;

  constructor(
    private readonly store: NotifyingStore,
    after: number,
    private readonly handler: (event: RecordedEvent) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.delivered = after;
    this.stopNotices = store.onAppended((appends) => this.told(appends));
    // unref'd: the feed alone keeps no process alive, as a subscription's idle wait did not outlive its store
    this.poll = setInterval(() => this.look(), POLL_MS).unref();
    this.readLog(); // what the log holds already
  }

  async stop(): Promise<void> {
    this.halt();
    await this.reading;
  }

  private halt(): void {
    this.stopped = true;
    this.stopNotices();
    clearInterval(this.poll);
  }

  /**
   * The timer's look at the log, while no notice comes: under load a look would mostly find this store's own
   * commits, durable on the append worker and not yet told (read twice over for nothing).
   */
  private look(): void {
    if (this.toldSinceLook) this.toldSinceLook = false;
    else this.readLog();
  }

  /** A group this store committed: delivered from the notice while it follows on, else read from the log. */
  private told(appends: readonly CommittedAppend[]): void {
    if (this.stopped) return;
    this.toldSinceLook = true;
    try {
      for (const append of appends) {
        // a replay wrote nothing: its events were delivered, or will be, from their first append or the log
        if (!append.written) continue;
        const events = recordedEventsOf(append);
        if (!events) {
          this.readLog();
          return;
        }
        for (const event of events) {
          if (event.position <= this.delivered) continue; // read from the log before the notice came
          if (event.position !== this.delivered + 1) {
            this.readLog(); // a gap: someone else wrote in between
            return;
          }
          this.deliver(event);
        }
      }
    } catch (error) {
      this.failed(error);
    }
  }

  private deliver(event: RecordedEvent): void {
    this.handler(event);
    this.delivered = event.position;
  }

  /** Reads the log after the last delivered event, to its end; asked again meanwhile, it reads on once more. */
  private readLog(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = (async () => {
      try {
        do {
          this.readAgain = false;
          for await (const event of this.store.readAll({ after: this.delivered })) {
            if (this.stopped) return;
            this.logReads += 1;
            if (event.position > this.delivered) this.deliver(event); // a notice may have delivered it meanwhile
          }
        } while (this.askedAgain());
      } catch (error) {
        this.failed(error);
      } finally {
        this.reading = null;
      }
    })();
  }

  /** A method, not an inline check: a notice can ask while the read awaits, which narrowing would not see. */
  private askedAgain(): boolean {
    return this.readAgain && !this.stopped;
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    this.halt();
    this.onError(error);
  }
}
