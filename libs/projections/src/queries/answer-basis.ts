/**
 * What an answer and the traces of its figures read alike: the sums behind a report's three ways, its costs, how many
 * benefits are in its scope. A trace of any one figure needs them again (its total, and how many terms make it), so
 * they are read once per answer basis — the query, its parameters and its cutoff position — and kept for the next
 * trace, rather than re-summing thousands of claims and costs for every figure an auditor opens.
 */
export interface AnswerBasis {
  /** The value kept under `key`, or `read()` once and kept. `key` must name the query, its parameters and cutoff. */
  remember<T>(key: string, read: () => T): T;
}

/** No keeping: every read runs (a query or trace made outside ReadModelQueries, a test of the SQL itself). */
export const READ_EVERY_TIME: AnswerBasis = { remember: (_key, read) => read() };

/** The key of one thing an answer basis holds: what it is, and the parameters and cutoff position it was read at. */
export const basisKey = (what: string, params: Record<string, unknown>, upTo: number) =>
  JSON.stringify([what, params, upTo]);

/**
 * A small bounded cache of answer bases, never stale: everything in it was read at one checkpoint, and it is
 * emptied as soon as the read models have applied any later position, so nothing is ever served across a new
 * event — even for a cutoff the new event cannot change. An answer always reads afresh (a repeated answer costs what
 * its SQL costs) and leaves what it read for the traces of its figures; a trace reads what is kept, or reads it once
 * and keeps it for the next. Least recently used entries go first (a Map keeps insertion order: a hit moves to the
 * end). Hand-written rather than lru-cache: it is emptied by checkpoint and kept apart for answers, in a few lines.
 */
export class AnswerBasisCache {
  private readonly entries = new Map<string, unknown>();
  private checkpoint: number | null = null;

  constructor(private readonly capacity = 256) {}

  /** For an answer at `checkpoint` (the read models' last applied position): reads every time, and keeps it. */
  forAnswer(checkpoint: number): AnswerBasis {
    this.validAt(checkpoint);
    return { remember: (key, read) => this.keep(key, read()) };
  }

  /** For a trace at `checkpoint`: what an answer or an earlier trace kept, or read once and kept. */
  forTrace(checkpoint: number): AnswerBasis {
    this.validAt(checkpoint);
    return {
      remember: <T>(key: string, read: () => T): T => {
        if (!this.entries.has(key)) return this.keep(key, read());
        const kept = this.entries.get(key) as T;
        this.entries.delete(key);
        this.entries.set(key, kept);
        return kept;
      },
    };
  }

  /** How many entries are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private validAt(checkpoint: number): void {
    if (checkpoint === this.checkpoint) return;
    this.entries.clear();
    this.checkpoint = checkpoint;
  }

  private keep<T>(key: string, value: T): T {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
