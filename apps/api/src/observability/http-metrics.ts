import { IncomingMessage, ServerResponse } from 'node:http';
import { LedgerMetrics } from './ledger-metrics';
import { routePattern } from './route-pattern';

/** The route label of an answer no API route gave. */
export const NO_ROUTE = '(none)';

/** Express middleware: times every request to its answer (refusals before routing included) by route pattern. */
export function httpMetrics(metrics: LedgerMetrics) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const stop = metrics.requestDuration.startTimer();
    response.once('close', () =>
      stop({ method: request.method, route: routePattern(request) ?? NO_ROUTE, status: String(response.statusCode) }),
    );
    next();
  };
}
