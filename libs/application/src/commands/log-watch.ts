import { CommittedAppend, EventStore, onlyOwnCommitsPast } from '@benefit-ledger/event-store';

/** What one look at the log's head found. */
export interface LogLook {
  /** The log's head position (`MAX(position)`) when looked at. */
  head: number;
  /** Whether every event up to `head` had been told by this store's own notices: nobody else had written. */
  quiet: boolean;
  /** The watch's epoch at the look (see LogWatch). */
  epoch: number;
}

type AppendListener = (appends: readonly CommittedAppend[]) => void;

const watches = new WeakMap<EventStore, LogWatch | null>();

/**
 * Follows what one store instance commits (its `onAppended` notices), so that what this process remembers of a
 * stream (a folded state, a directory's answer) can be vouched for without reading the stream again while nobody
 * else writes.
 *
 * `followedUpTo` is the last position of the latest notice; the epoch changes whenever a notice's first position is
 * not right after the one before (someone else wrote in between: another process, another store on the file). A
 * remembered answer carries the epoch it was made in; it is vouched for when it was made in the current epoch and the
 * latest look at the log's head found the head exactly at `followedUpTo`, or past it only by this store's own commits
 * not yet told (quiet). A head past it otherwise means someone else wrote after our latest notice: read.
 */
export class LogWatch {
  private followedUpTo = 0;
  private currentEpoch = 0;
  private noticesSeen = 0;
  private latest: LogLook | null = null;
  private readonly listeners = new Set<AppendListener>();

  /** The watch of this store, made once; null when the store tells nothing of its appends (EventStoreDB). */
  static of(store: EventStore): LogWatch | null {
    let watch = watches.get(store);
    if (watch === undefined) {
      watch = typeof store.onAppended === 'function' ? new LogWatch(store) : null;
      watches.set(store, watch);
    }
    return watch;
  }

  private constructor(private readonly store: EventStore) {
    store.onAppended?.((appends) => this.follow(appends));
  }

  /** One tiny read: the log's head, compared with what the notices told. Remembered as the latest look. */
  async look(): Promise<LogLook> {
    const head = await this.store.headPosition();
    this.latest = { head, quiet: this.nobodyElseWroteUpTo(head), epoch: this.currentEpoch };
    return this.latest;
  }

  /**
   * Quiet: the head is where the notices have told, or past it only by this store's own commits whose notice is on
   * its way (under load the append worker has usually committed the next group before its notice arrives here).
   * Those count as this store's appends in flight do: a command deciding meanwhile is checked by its expected
   * revision as ever. The run is read after the head, so it covers every commit of its own the head can show.
   */
  private nobodyElseWroteUpTo(head: number): boolean {
    return head === this.followedUpTo || onlyOwnCommitsPast(this.store.ownCommits?.(), this.followedUpTo, head);
  }

  /** The epoch an answer made now belongs to. */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** Counts notices: an answer read while one arrived cannot tell whether it holds that notice's events. */
  get notices(): number {
    return this.noticesSeen;
  }

  /**
   * Whether an answer made in `epoch` still holds, by `look` (default: the latest look, which a command takes as it
   * starts, so it is never older than the command asking).
   */
  vouches(epoch: number, look: LogLook | null = this.latest): boolean {
    return look !== null && look.quiet && look.epoch === this.currentEpoch && epoch === this.currentEpoch;
  }

  /** Calls `listener` with every notice, after the watch has taken it into account (so it sees the new epoch). */
  onAppend(listener: AppendListener): void {
    this.listeners.add(listener);
  }

  private follow(appends: readonly CommittedAppend[]): void {
    this.noticesSeen += 1;
    for (const { events, position, written } of appends) {
      if (!written) continue; // a replay wrote nothing: its events are where they were
      if (position - events.length !== this.followedUpTo) this.currentEpoch += 1;
      this.followedUpTo = position;
    }
    for (const listener of this.listeners) listener(appends);
  }
}
