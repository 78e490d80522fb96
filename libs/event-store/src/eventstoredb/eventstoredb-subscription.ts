import {
  AllStreamSubscription,
  EventStoreDBClient,
  excludeSystemEvents,
  streamNameFilter,
} from '@eventstore/db-client';
import { CorruptEventError } from '../errors';
import { EventHandler, SubscribeOptions, Subscription, matchesStreamPrefixes } from '../event-store.port';
import { startAfter } from './eventstoredb-positions';
import { isOurs, positionOf, toRecorded } from './eventstoredb-resolved-events';

/** Consecutive failed (re)subscriptions, without an event delivered in between, before onError. */
const RESUBSCRIBE_ATTEMPTS = 10;
const RESUBSCRIBE_BACKOFF_MS = 250;
const RESUBSCRIBE_BACKOFF_MAX_MS = 5000;

/**
 * A subscription to $all that delivers each of our events once, in order, after `options.after`: a dropped
 * connection resubscribes from the last delivered position after a backoff; a handler error, an unreadable event
 * or too many failures in a row stop it and go to `onError`. Ends when stopped or when the store closes.
 */
export function subscribeResuming(
  client: EventStoreDBClient,
  options: SubscribeOptions,
  handler: EventHandler,
  storeClosed: () => boolean,
  onStopped: () => void,
): Subscription {
  let stopped = false;
  let live: AllStreamSubscription | null = null;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const done = () => stopped || storeClosed();

  const run = (async () => {
    let after = options.after ?? 0;
    let failures = 0;
    while (!done()) {
      let handlerFailed = false;
      try {
        const fromPosition = await startAfter(client, after);
        if (done()) return;
        // Filtered on the server: a stream-prefix subscriber (the Kafka relay) is sent only its streams;
        // everyone else is sent everything but system events. isOurs drops what a filter cannot express.
        const filter = options.streamPrefixes
          ? streamNameFilter({ prefixes: [...options.streamPrefixes] })
          : excludeSystemEvents();
        live = client.subscribeToAll({ fromPosition, filter });
        for await (const resolved of live) {
          if (done()) return;
          if (!isOurs(resolved) || !matchesStreamPrefixes(resolved.event.streamId, options.streamPrefixes)) continue;
          const position = positionOf(resolved);
          if (position <= after) continue;
          const event = toRecorded(resolved);
          try {
            await handler(event);
          } catch (error) {
            handlerFailed = true;
            throw error;
          }
          after = position;
          failures = 0;
        }
        if (done()) return;
        throw new Error('EventStoreDB ended the subscription');
      } catch (error) {
        if (done()) return;
        failures += 1;
        // A handler error or an unreadable event would fail again on replay; a dropped connection may not.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set in the handler's catch inside this try; TypeScript's flow analysis keeps the initial `false` here
        if (handlerFailed || error instanceof CorruptEventError || failures > RESUBSCRIBE_ATTEMPTS) {
          options.onError?.(error);
          return;
        }
      } finally {
        const ended = live;
        live = null;
        await ended?.unsubscribe().catch(() => undefined);
      }
      // Only a dropped subscription gets here: resubscribe from the last delivered position after a backoff.
      if (done()) return;
      await pause(Math.min(RESUBSCRIBE_BACKOFF_MS * 2 ** (failures - 1), RESUBSCRIBE_BACKOFF_MAX_MS));
      wake = null;
    }
  })();

  const subscription: Subscription = {
    stop: async () => {
      stopped = true;
      wake?.();
      await live?.unsubscribe().catch(() => undefined);
      await run;
      onStopped();
    },
  };
  return subscription;
}
