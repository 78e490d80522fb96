import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/** What a client may send as its correlation id: short, and nothing that could forge a log line or a header. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,100}$/;
const CORRELATION_ID = Symbol('correlationId');

type Correlated = IncomingMessage & { [CORRELATION_ID]?: string };

/**
 * The request's correlation id: the client's X-Correlation-Id when it is of the accepted form (1-100 letters, digits
 * or . _ : -), otherwise a new UUID. Decided once per request, so the log line, the answer's header and the events a
 * command appends all carry the same id.
 */
export function correlationIdOf(request: IncomingMessage): string {
  const correlated = request as Correlated;
  if (correlated[CORRELATION_ID] === undefined) {
    const sent = request.headers['x-correlation-id'];
    correlated[CORRELATION_ID] = typeof sent === 'string' && ACCEPTABLE.test(sent) ? sent : randomUUID();
  }
  return correlated[CORRELATION_ID];
}

/** Express middleware, first of all: every answer, a refusal by the body parser included, echoes the id. */
export function correlationIds(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  response.setHeader(CORRELATION_HEADER, correlationIdOf(request));
  next();
}
