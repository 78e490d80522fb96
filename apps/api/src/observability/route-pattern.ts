import { IncomingMessage } from 'node:http';

/**
 * The route a request matched, as declared (`/interventions/:id/decisions`), so that logs and metrics group requests
 * by route rather than by id; null when no route matched (a 404, or a body refused before routing).
 */
export function routePattern(request: IncomingMessage): string | null {
  const { route, baseUrl } = request as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : null;
}
