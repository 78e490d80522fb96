import { Decider, fold } from '@benefit-ledger/domain';
import { CommittedAppend, EventStore, RecordedEvent, recordedEventsOf } from '@benefit-ledger/event-store';
import { LogLook, LogWatch } from './log-watch';
import { keepAsMostRecent } from './most-recent';

/** Streams whose folded state is kept; the least recently used goes first beyond this. */
const DEFAULT_CAPACITY = 10_000;

interface Entry {
  decider: unknown;
  /** The revision the state was folded up to, and that event's id (and hash, when read): what the log must still hold there. */
  revision: number;
  eventId: string;
  hash: string | null;
  state: unknown;
  /** The watch of the store it was folded from, and the epoch then (LogWatch): whether it can be used without a read. */
  watch: LogWatch | null;
  epoch: number;
}

/** A stream as a command decides on it: its state folded up to `revision` (-1: no stream yet). */
export interface FoldedStream<S> {
  state: S;
  revision: number;
}

/**
 * The state of each stream a command folded, by stream and revision, so that the next command on the stream reads
 * and folds only what was appended since: a command on a stream of 5,000 events costs what one on 5 does.
 *
 * With a store that tells what it commits (SQLite's `onAppended`), the events this store appends are folded into the
 * entry as their group commits, from the notice (the text as stored), so the entry stays the stream's state with no
 * read; a load uses it as it is when the log watch vouches for it (nobody else wrote: log-watch.ts).
 *
 * Otherwise (another writer moved the log, an entry from before, a store without notices) the load reads the log from
 * the cached revision itself, and uses the entry only if the event there is still the one folded (same id; same hash
 * when known); then it folds whatever followed, whoever appended it. Anything else (a stream shorter than the entry, a
 * different event at its revision, another decider) drops the entry and folds the stream from the start. Deciders'
 * evolve functions return new states and never change the one given, so a cached state can be shared.
 */
export class FoldedStreamCache {
  private readonly entries = new Map<string, Entry>();
  private readonly followed = new WeakSet<LogWatch>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** `look`: the command's look at the log (LogWatch.look); without one the load takes its own. */
  async load<C, E, S>(
    store: EventStore,
    decider: Decider<C, E, S>,
    streamId: string,
    look?: LogLook,
  ): Promise<FoldedStream<S>> {
    const watch = this.follow(store);
    const entry = this.entries.get(streamId);
    if (entry && entry.decider === decider) {
      if (watch && entry.watch === watch && watch.vouches(entry.epoch, look ?? (await watch.look()))) {
        this.touch(streamId, entry);
        return { state: entry.state as S, revision: entry.revision };
      }
    }
    if (entry && entry.decider === decider && entry.revision >= 0) {
      const notices = watch?.notices;
      const fromEntry = await store.readStreamFrom(streamId, entry.revision);
      const anchor = fromEntry.at(0);
      if (anchor && anchor.eventId === entry.eventId && (entry.hash === null || anchor.metadata.hash === entry.hash)) {
        return this.remember(decider, streamId, entry.state as S, entry.revision, fromEntry.slice(1), watch, notices);
      }
    }
    this.entries.delete(streamId);
    const notices = watch?.notices;
    const events = await store.readStream(streamId);
    return this.remember(decider, streamId, decider.initialState, -1, events, watch, notices);
  }

  /** Drops what is kept of a stream (an append at its revision was refused: the entry was behind). */
  forget(streamId: string): void {
    this.entries.delete(streamId);
  }

  /** The store's watch, and its notices followed (once per watch). */
  private follow(store: EventStore): LogWatch | null {
    const watch = LogWatch.of(store);
    if (watch && !this.followed.has(watch)) {
      this.followed.add(watch);
      watch.onAppend((appends) => this.committed(watch, appends));
    }
    return watch;
  }

  /**
   * A group this store committed: each append that continues an entry's stream right after its revision is folded
   * into it, from the events as stored; any other append to a stream kept drops its entry (the next load reads).
   */
  private committed(watch: LogWatch, appends: readonly CommittedAppend[]): void {
    for (const append of appends) {
      const { streamId, written, nextRevision } = append;
      const entry = this.entries.get(streamId);
      // an entry read from another store (another file) is not this log's: its own reads check it
      if (!entry || !written || entry.watch !== watch) continue;
      try {
        // decoded from the text as stored, exactly what a read would fold (and shared with the read models)
        const since = recordedEventsOf(append);
        if (since?.[0]?.revision !== entry.revision + 1) {
          this.entries.delete(streamId);
          continue;
        }
        const decider = entry.decider as Decider<unknown, unknown, unknown>;
        entry.state = fold({ ...decider, initialState: entry.state }, since);
        entry.revision = nextRevision;
        const last = since[since.length - 1];
        entry.eventId = last.eventId;
        entry.hash = last.metadata.hash;
        entry.epoch = watch.epoch;
      } catch {
        this.entries.delete(streamId); // a state that cannot be folded here is folded by the next load, which reports it
      }
    }
  }

  /** Folds what the log holds beyond `revision` into `state`, and keeps the result for the next load. */
  private remember<C, E, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    state: S,
    revision: number,
    since: readonly RecordedEvent[],
    watch: LogWatch | null,
    noticesBefore: number | undefined,
  ): FoldedStream<S> {
    const folded = since.length === 0 ? state : fold({ ...decider, initialState: state }, since as unknown as E[]);
    const last = since.at(-1);
    // an entry holds only what a read made between two notices: a notice during the read may not be in it
    const vouchable = watch !== null && watch.notices === noticesBefore;
    const entry = this.entries.get(streamId);
    if (last || !entry) {
      // no stream yet is kept too (revision -1), so that its first events are folded from their notice
      this.touch(streamId, {
        decider,
        revision: last ? last.revision : revision,
        eventId: last ? last.eventId : '',
        hash: last ? last.metadata.hash : null,
        state: folded,
        watch: vouchable ? watch : null,
        epoch: watch?.epoch ?? 0,
      });
    } else {
      if (!vouchable) entry.watch = null;
      else entry.epoch = watch.epoch;
      this.touch(streamId, entry);
    }
    return { state: folded, revision: last ? last.revision : revision };
  }

  private touch(streamId: string, entry: Entry): void {
    keepAsMostRecent(this.entries, streamId, entry, this.capacity);
  }
}
