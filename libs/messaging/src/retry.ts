import { Backoff, Clock, backoffDelay } from './clock';

/** Thrown out of a retry loop when the relay or consumer is being stopped. */
export class StoppedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

export interface RetryOptions {
  clock: Clock;
  backoff: Backoff;
  /** Aborting stops the retries with StoppedError at once: during an attempt (its outcome is then ignored) or a wait. */
  signal: AbortSignal;
  /** Told of every failed attempt (for logs and tests); `failures` counts from 1. */
  onFailure?: (error: unknown, failures: number) => void;
  /** Errors that retrying cannot cure are thrown at once. */
  isPermanent?: (error: unknown) => boolean;
}

/**
 * Runs `attempt` until it succeeds, waiting with exponential backoff between failures. Nothing is skipped and
 * nothing given up on: a step that must happen before the next (an acknowledgement, a durable write) is
 * retried until it happens or the process is stopped.
 */
export async function retryUntilDone<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  // a function, not the property: the signal can abort during any await, which the compiler's narrowing cannot see
  const stopped = () => options.signal.aborted;
  for (let failures = 0; ;) {
    if (stopped()) throw new StoppedError();
    try {
      return await untilStopped(options.signal, attempt());
    } catch (error) {
      if (stopped()) throw new StoppedError();
      if (options.isPermanent?.(error)) throw error;
      failures += 1;
      options.onFailure?.(error, failures);
      await options.clock.sleep(backoffDelay(options.backoff, failures), options.signal);
    }
  }
}

/** The promise's outcome, or StoppedError as soon as `signal` aborts (the promise itself runs on, unheard). */
export function untilStopped<T>(signal: AbortSignal, promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined); // once stopped, nobody is left to hear how it ended
  if (signal.aborted) return Promise.reject(new StoppedError());
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new StoppedError());
    signal.addEventListener('abort', stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
