import { CommittedAppend, EventStore } from '@benefit-ledger/event-store';
import { LogWatch } from './log-watch';
import { keepAsMostRecent } from './most-recent';

/** Streams whose answer is kept; the least recently used goes first beyond this. */
const DEFAULT_CAPACITY = 10_000;

interface Kept<T> {
  answer: T;
  epoch: number;
}

/**
 * A directory's answers about small streams (an organisation, a year's period stream), kept while the log watch
 * vouches for them (log-watch.ts): no append to the stream by this store since (its notice drops the answer), nobody
 * else has written since (the latest look at the log's head was quiet, in the same epoch). The latest look is the one
 * the command asking took as it started (StreamCommandRunner, CommandPlan), so an answer is never older than the
 * command. Only for commands: a query outside one has no look of its own, and reads. Without notices (EventStoreDB)
 * every answer is read.
 */
export class VouchedStreamReads<T> {
  private readonly kept = new Map<string, Kept<T>>();
  private readonly watch: LogWatch | null;

  constructor(
    store: EventStore,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {
    this.watch = LogWatch.of(store);
    this.watch?.onAppend((appends) => this.committed(appends));
  }

  /** The kept answer about `streamId` if still vouched for; otherwise `read()`'s, kept for the next command. */
  async answer(streamId: string, read: () => Promise<T>): Promise<T> {
    const { watch } = this;
    if (!watch) return read();
    const kept = this.kept.get(streamId);
    if (kept && watch.vouches(kept.epoch)) return kept.answer;
    const notices = watch.notices;
    const epoch = watch.epoch;
    const answer = await read();
    this.kept.delete(streamId);
    // a notice during the read may or may not be in it: such an answer is used once, not kept
    if (watch.notices === notices) keepAsMostRecent(this.kept, streamId, { answer, epoch }, this.capacity);
    return answer;
  }

  /** An append of this store to a stream whose answer is kept: the answer is read again next time. */
  private committed(appends: readonly CommittedAppend[]): void {
    for (const { streamId, written } of appends) if (written) this.kept.delete(streamId);
  }
}
