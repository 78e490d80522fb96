import { NestExpressApplication } from '@nestjs/platform-express';
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
  app.use(
    helmet({
      // TLS ends in front of the API (a proxy or ingress); asking browsers to upgrade would break /docs served over plain HTTP
      contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
    }),
  );
  app.enableCors({
    origin: [...corsOrigins],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: REQUEST_HEADERS,
    exposedHeaders: ANSWER_HEADERS,
    maxAge: 600,
  });
}
