/**
 * Time for the relay and the consumer: waits, timeouts and backoff go through here so tests can run with
 * millisecond timings (and the production defaults stay in one place).
 */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
    }),
};

class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** The promise's outcome, or a TimeoutError after `ms`. The promise itself is not cancelled (a late answer is ignored). */
export async function withTimeout<T>(clock: Clock, ms: number, what: string, promise: Promise<T>): Promise<T> {
  const timer = new AbortController();
  promise.catch(() => undefined); // a failure after the timeout has nobody left to tell
  const expired = clock.sleep(ms, timer.signal).then(() => {
    if (!timer.signal.aborted) throw new TimeoutError(what, ms);
    return undefined as never;
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    timer.abort();
  }
}

/** Exponential backoff between retries: initial, doubling, capped. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const backoffDelay = (backoff: Backoff, failures: number) =>
  Math.min(backoff.initialMs * 2 ** Math.max(0, failures - 1), backoff.maxMs);
