/** Positions `from`..`upTo`: the latest unbroken run of the log that one store instance committed itself. */
export interface OwnCommits {
  from: number;
  upTo: number;
}

/**
 * Whether every event past `toldUpTo`, up to `head`, is one a store committed itself (`own`: its run, read after the
 * head), though its notice has not been told yet: then nobody else has written since `toldUpTo`.
 */
export function onlyOwnCommitsPast(own: OwnCommits | undefined, toldUpTo: number, head: number): boolean {
  return own !== undefined && head > toldUpTo && head <= own.upTo && own.from <= toldUpTo + 1;
}

const FROM = 0;
const UP_TO = 1;

/**
 * The latest unbroken run of log positions one store instance has committed, in memory shared by the thread that
 * commits (the append worker) and the store's thread. The worker sets it as soon as a group's COMMIT returns, before
 * the group's notice has crossed to the store's thread; so a look at the log's head that lands inside the run shows
 * the store's thread that the events it has not yet been told of are its own, not someone else's.
 *
 * Positions are AUTOINCREMENT: a group that does not start right after the run's end found someone else's events
 * in between, and starts a new run.
 */
export class OwnCommitRun {
  readonly shared: SharedArrayBuffer;
  private readonly cells: BigInt64Array;

  /** `shared`: the buffer of the same run on another thread (workerData), or none for a new, empty one. */
  constructor(shared?: SharedArrayBuffer) {
    this.shared = shared ?? new SharedArrayBuffer(2 * BigInt64Array.BYTES_PER_ELEMENT);
    this.cells = new BigInt64Array(this.shared);
    if (!shared) Atomics.store(this.cells, FROM, 1n); // empty: 1..0
  }

  /** A group's COMMIT has returned, its written events at `first`..`last`. */
  committed(first: number, last: number): void {
    if (first !== Number(Atomics.load(this.cells, UP_TO)) + 1) Atomics.store(this.cells, FROM, BigInt(first));
    Atomics.store(this.cells, UP_TO, BigInt(last)); // after FROM: a reader that sees this end sees its run's start
  }

  /** The run now. `upTo` is read before `from`: a run restarted meanwhile has a later start, which vouches for less. */
  now(): OwnCommits {
    const upTo = Number(Atomics.load(this.cells, UP_TO));
    return { from: Number(Atomics.load(this.cells, FROM)), upTo };
  }
}
