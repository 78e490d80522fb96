import { NestExpressApplication } from '@nestjs/platform-express';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import cors from 'cors';
import helmet from 'helmet';
import { CORRELATION_HEADER } from '../observability/correlation-id';

/** The request headers the API reads, which a browser on an allowed origin may send. */
const REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'Content-Encoding',
  'If-Match',
  'Idempotency-Key',
  CORRELATION_HEADER,
];
/** The answer's headers a script on an allowed origin may read. */
const ANSWER_HEADERS = [
  CORRELATION_HEADER,
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Idempotent-Replayed',
  'Content-Disposition',
];

/**
 * helmet's security headers (no X-Powered-By), and CORS for the origins in CORS_ORIGINS only: an origin not listed
 * gets no Access-Control-Allow-Origin, so a browser keeps its scripts from reading the answer. Closed when none is.
 */
export function useHttpSecurity(app: NestExpressApplication, corsOrigins: readonly string[]): void {
  app.disable('x-powered-by');
  for (const middleware of securityMiddlewares(corsOrigins)) app.use(middleware);
}

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

function securityMiddlewares(corsOrigins: readonly string[]): Middleware[] {
  return [
    helmet({
      // TLS ends in front of the API (a proxy or ingress); asking browsers to upgrade would break /docs served over plain HTTP
      contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
    }),
    cors({
      origin: [...corsOrigins],
      methods: ['GET', 'HEAD', 'POST'],
      allowedHeaders: REQUEST_HEADERS,
      exposedHeaders: ANSWER_HEADERS,
      maxAge: 600,
    }),
  ];
}

/**
 * The headers helmet and CORS give the answer to a POST that carries no Origin, worked out by the very middlewares
 * above on a response that is never sent: the fast cost lane (which takes no request with an Origin) sends these.
 */
export function securityHeadersWithoutOrigin(corsOrigins: readonly string[]): [string, string][] {
  const request = new IncomingMessage(new Socket());
  request.method = 'POST';
  request.headers = {};
  const response = new ServerResponse(request);
  const spelt = new Map<string, string>(); // a header's name as the middleware spelt it (Node sends it so)
  const setHeader = response.setHeader.bind(response);
  response.setHeader = (name, value) => {
    spelt.set(name.toLowerCase(), name);
    return setHeader(name, value);
  };
  for (const middleware of securityMiddlewares(corsOrigins)) {
    const outcome = { passed: false };
    middleware(request, response, (error) => {
      outcome.passed = error === undefined;
    });
    if (!outcome.passed) throw new Error('the security middlewares did not pass a plain POST on at once');
  }
  return response.getHeaderNames().map((name) => {
    const value = response.getHeader(name);
    return [spelt.get(name) ?? name, Array.isArray(value) ? value.join(', ') : String(value)];
  });
}
