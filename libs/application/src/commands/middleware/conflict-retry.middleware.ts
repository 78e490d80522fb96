import { WrongExpectedRevisionError } from '@benefit-ledger/event-store';
import { ConcurrencyConflictError } from '../../application-errors';
import { RunMiddleware } from '../command-pipeline';

/**
 * When another writer got in between the read and the append, runs the command again on the stream as it now is,
 * up to `maxAttempts` in all; with a client revision (If-Match) the conflict is the client's to resolve: a 409.
 */
export function conflictRetry(maxAttempts: number): RunMiddleware {
  return {
    name: 'conflict retry',
    async run(request, next) {
      const clientRevision = request.context.expectedRevision;
      for (let attempt = 1; ; attempt++) {
        try {
          return await next();
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (clientRevision !== undefined || attempt >= maxAttempts) {
            const read = typeof error.expected === 'number' ? error.expected : -1;
            throw new ConcurrencyConflictError(request.streamId, clientRevision ?? read, error.actual);
          }
        }
      }
    },
  };
}
