import { EventStore } from '@benefit-ledger/event-store';
import { RunMiddleware } from '../command-pipeline';
import { alreadyApplied } from '../idempotent-event-ids';

/**
 * A command with an Idempotency-Key whose key-derived events the stream already holds was applied before (its
 * answer was lost): that result is answered and nothing is decided. Only keyed commands read the whole stream.
 */
export function idempotentReplay(store: EventStore): RunMiddleware {
  return {
    name: 'idempotent replay',
    async run(request, next) {
      if (!request.context.idempotentEventIdAt) return next();
      const applied = alreadyApplied(request.streamId, await store.readStream(request.streamId), request.context);
      return applied ?? next();
    },
  };
}
