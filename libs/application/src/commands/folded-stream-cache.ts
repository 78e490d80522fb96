import { Decider, fold } from '@benefit-ledger/domain';
import { EventStore, RecordedEvent } from '@benefit-ledger/event-store';

/** Streams whose folded state is kept; the least recently used goes first beyond this. */
const DEFAULT_CAPACITY = 10_000;

interface Entry {
  decider: unknown;
  /** The revision the state was folded up to, and that event's id and hash: what the log must still hold there. */
  revision: number;
  eventId: string;
  hash: string;
  state: unknown;
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
 * Never trusted blindly: every load reads the log from the cached revision itself, and uses the entry only if the
 * event there is still the one folded (same id, same hash); then it folds whatever followed, whoever appended it
 * (this process, another process on the same file, another replica). Anything else (a stream shorter than the
 * entry, a different event at its revision, another decider) drops the entry and folds the stream from the start.
 * Deciders' evolve functions return new states and never change the one given, so a cached state can be shared.
 */
export class FoldedStreamCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  async load<C, E, S>(store: EventStore, decider: Decider<C, E, S>, streamId: string): Promise<FoldedStream<S>> {
    const entry = this.entries.get(streamId);
    if (entry && entry.decider === decider) {
      const fromEntry = await store.readStreamFrom(streamId, entry.revision);
      const anchor = fromEntry.at(0);
      const since = fromEntry.slice(1);
      if (anchor && anchor.eventId === entry.eventId && anchor.metadata.hash === entry.hash) {
        return this.remember(decider, streamId, entry.state as S, entry.revision, since);
      }
    }
    this.entries.delete(streamId);
    return this.remember(decider, streamId, decider.initialState, -1, await store.readStream(streamId));
  }

  /** Folds what the log holds beyond `revision` into `state`, and keeps the result for the next load. */
  private remember<C, E, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    state: S,
    revision: number,
    since: readonly RecordedEvent[],
  ): FoldedStream<S> {
    const folded = since.length === 0 ? state : fold({ ...decider, initialState: state }, since as unknown as E[]);
    const last = since.at(-1);
    if (last) {
      this.entries.delete(streamId); // re-inserted last: Map order is the least recently used first
      this.entries.set(streamId, {
        decider,
        revision: last.revision,
        eventId: last.eventId,
        hash: last.metadata.hash,
        state: folded,
      });
      const oldest = this.entries.keys().next();
      if (this.entries.size > this.capacity && !oldest.done) this.entries.delete(oldest.value);
    } else {
      const entry = this.entries.get(streamId);
      if (entry) {
        this.entries.delete(streamId);
        this.entries.set(streamId, entry);
      }
    }
    return { state: folded, revision: last ? last.revision : revision };
  }
}
