import { randomUUID } from 'node:crypto';
import { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { CanActivate } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { CommandBus } from '@nestjs/cqrs';
import pino from 'pino';
import { InterventionCommandMessage, WriteResult } from '@benefit-ledger/application';
import { bodyShapeProblem, recordCostCheck, recordCostCommand } from '@benefit-ledger/contracts';
import { isId } from '@benefit-ledger/domain';
import { VerifiedTokens, bearerTokenOf } from '../auth/verified-tokens';
import { InterventionsController } from '../interventions/interventions.controller';
import { CORRELATION_HEADER, correlationIdOf } from '../observability/correlation-id';
import { NO_ROUTE } from '../observability/http-metrics';
import { LedgerMetrics } from '../observability/ledger-metrics';
import { plainCommandContext } from './command-context.factory';
import { UNEXPECTED_ERROR, refusalAnswer } from './refusal-answer';
import { replayedRequest } from './replayed-request';

/** The route as Nest declares it: the label of the lane's log lines and metrics, as of the Nest path's. */
const ROUTE = '/interventions/:id/costs';
const PATH = /^\/interventions\/([^/?#]+)\/costs$/;
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);
const UTF8_BOM = 0xef;

/** What the lane needs of the application; every part is the one the Nest path uses. */
export interface FastCostLaneParts {
  commands: CommandBus;
  verifiedTokens: VerifiedTokens;
  metrics: LedgerMetrics;
  /** The root logger, or null when the app logs nothing (tests). */
  logger: pino.Logger | null;
  bodyLimitBytes: number;
  /** The headers helmet and CORS give an answer to a request without an Origin (http-security.ts). */
  fixedHeaders: readonly (readonly [string, string])[];
  /** Express's own ETag function, so that an answer's ETag is the one Express would send. */
  etagOf: (body: string, encoding: 'utf8') => string | undefined;
  /**
   * The rate limit's guard when RATE_LIMIT_PER_MINUTE is on: it counts the request as routed to the cost route
   * (the same allowance, headers and 429 as the Nest path's), and throws the 429 when the user is over.
   */
  rateLimit: CanActivate | null;
}

/**
 * The fast cost lane (docs/throughput.md "The fast cost lane"): `POST /interventions/{id}/costs` answered beside
 * Nest and Express when nothing about the request needs them, the busiest write without the framework's per-request
 * cost. It takes a request only when it is sure it would answer exactly as the Nest path does: a token verified
 * before (remembered, not expired), a plain JSON body within the limit that is the right shape and passes the cost
 * DTO's compiled check, and none of Idempotency-Key, If-Match or Origin. The command then goes through the same
 * command bus, and the answer carries the same status, body, headers, log line and metrics; every refusal the command
 * core gives is worded by the same mapping as the error filter's. Anything else goes to Express untouched (a body
 * already read is replayed to it), so every other answer is the framework's own.
 */
export function installFastCostLane(server: Server, express: RequestListener, given: FastCostLaneParts): void {
  const parts: Lane = {
    ...given,
    fixedHeaderList: given.fixedHeaders.flat(),
    // the lane's own lines carry no request headers, so nothing in them needs redacting (which costs a walk per line)
    lineLogger: given.logger?.child({}, { redact: { paths: [] } }) ?? null,
  };
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const taken = takenRequest(request, parts);
    if (taken) readBody(request, taken, response, express, parts);
    else express(request, response);
  });
}

/** The parts, with what the lane works out from them once. */
interface Lane extends FastCostLaneParts {
  /** fixedHeaders as Node's writeHead takes them: name, value, name, value. */
  fixedHeaderList: string[];
  /** The logger of the request lines. */
  lineLogger: pino.Logger | null;
}

interface TakenRequest {
  interventionId: string;
  actor: NonNullable<ReturnType<VerifiedTokens['actorOf']>>;
  length: number;
}

/** Whether the lane can take the request, from its line and headers alone; null hands it to Express. */
function takenRequest(request: IncomingMessage, parts: Lane): TakenRequest | null {
  if (request.method !== 'POST') return null;
  const match = PATH.exec(request.url ?? '');
  if (!match || !isId(match[1])) return null;
  const { headers } = request;
  if (headers['idempotency-key'] !== undefined || headers['if-match'] !== undefined || headers.origin !== undefined)
    return null;
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return null;
  const type = headers['content-type'];
  if (type === undefined || !JSON_TYPES.has(type.toLowerCase())) return null;
  const length = Number(headers['content-length']);
  if (!Number.isSafeInteger(length) || length < 1 || length > parts.bodyLimitBytes) return null;
  const token = bearerTokenOf(request);
  const actor = token ? parts.verifiedTokens.actorOf(token, Date.now()) : undefined;
  return actor ? { interventionId: match[1], actor, length } : null;
}

function readBody(
  request: IncomingMessage,
  taken: TakenRequest,
  response: ServerResponse,
  express: RequestListener,
  parts: Lane,
): void {
  const startedMs = Date.now();
  const stopTimer = parts.metrics.requestDuration.startTimer();
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.once('aborted', () => {
    // the client went away mid-body: logged and counted as the Nest path does (the body parser's 400, before routing)
    response.statusCode = 400;
    stopTimer({ method: 'POST', route: NO_ROUTE, status: '400' });
    logLine(parts.lineLogger, request, correlationIdOf(request), { route: null, status: 400, user: null }, startedMs);
  });
  request.once('end', () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const dto = body.length === taken.length ? costBodyOf(body) : null;
    if (!dto) {
      express(replayedRequest(request, body), response);
      return;
    }
    const correlationId = correlationIdOf(request);
    const sent = { toBus: false, byUser: false }; // what the Nest path's metrics and log line would know of it
    response.once('close', () => {
      const status = String(response.statusCode);
      stopTimer({ method: 'POST', route: ROUTE, status });
      const outcome = response.statusCode < 400 ? 'accepted' : 'refused';
      if (sent.toBus) parts.metrics.commands.inc({ type: 'RecordCost', outcome, status });
    });
    const costId = dto.costId ?? randomUUID();
    const message = new InterventionCommandMessage(
      taken.interventionId,
      recordCostCommand(dto, costId),
      plainCommandContext(taken.actor, correlationId),
    );
    countedByRateLimit(request, response, parts.rateLimit)
      .then(() => {
        sent.byUser = true; // past the rate limit, the bearer guard names the user
        sent.toBus = true;
        return parts.commands.execute<InterventionCommandMessage, WriteResult>(message);
      })
      .then(
        (result) => answer(201, { interventionId: taken.interventionId, costId, ...result }),
        (error: unknown) => {
          const refusal = refusalAnswer(error, request);
          if (!refusal) logUnexpected(parts.logger, correlationId, error);
          const { status, body: refusalBody } = refusal ?? UNEXPECTED_ERROR;
          answer(status, refusalBody);
        },
      )
      .catch((error: unknown) => {
        // answering itself failed (nothing the command did): never an unhandled rejection; the client sees the socket close
        logUnexpected(parts.logger, correlationId, error);
        response.destroy();
      });

    function answer(status: number, value: object): void {
      const json = JSON.stringify(value);
      const etag = parts.etagOf(json, 'utf8');
      const headers = [CORRELATION_HEADER, correlationId, ...parts.fixedHeaderList];
      headers.push(
        'Content-Type',
        'application/json; charset=utf-8',
        'Content-Length',
        String(Buffer.byteLength(json)),
      );
      if (etag) headers.push('ETag', etag);
      response.writeHead(status, headers); // merged with any set before (the rate limit's), as Express's would be
      response.end(json);
      const user = sent.byUser ? taken.actor.userId : null;
      logLine(parts.lineLogger, request, correlationId, { route: ROUTE, status, user }, startedMs);
    }
  });
}

/** The rate limit's count of the request, by its own guard, as if Nest had routed it to the cost route. */
function countedByRateLimit(
  request: IncomingMessage,
  response: ServerResponse,
  rateLimit: CanActivate | null,
): Promise<unknown> {
  if (!rateLimit) return Promise.resolve();
  const context = new ExecutionContextHost(
    [request, response],
    InterventionsController,
    // eslint-disable-next-line @typescript-eslint/unbound-method -- the route's handler only as the key of its metadata (a @SkipThrottle, say); never called
    InterventionsController.prototype.cost,
  );
  return Promise.resolve(rateLimit.canActivate(context));
}

/** The body as the cost DTO when the lane is sure of it, else null (Express then reads it again, and says what is wrong). */
function costBodyOf(body: Buffer) {
  if (body[0] === UTF8_BOM) return null; // body-parser strips a byte-order mark; JSON.parse would refuse it
  const text = body.toString('utf8');
  if (text.includes('\uFFFD')) return null; // bytes that are not UTF-8: left to body-parser's decoding
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  return bodyShapeProblem(parsed) ? null : recordCostCheck(parsed);
}

/** An unexpected error, logged as the error filter logs one (its stack, under "Errors", with the correlation id). */
function logUnexpected(logger: pino.Logger | null, correlationId: string, error: unknown): void {
  logger?.child({ correlationId }).error({ context: 'Errors' }, error instanceof Error ? error.stack : String(error));
}

/** The request line pino-http writes for the Nest path (request-logging.ts), field for field. */
function logLine(
  logger: pino.Logger | null,
  request: IncomingMessage,
  correlationId: string,
  { route, status, user }: { route: string | null; status: number; user: string | null },
  startedMs: number,
): void {
  if (!logger) return;
  const path = request.url ?? '';
  const line = { correlationId, method: 'POST', route, path, status, ms: Date.now() - startedMs, user };
  const message = `POST ${route ?? path} ${status}`;
  if (status >= 500) logger.error(line, message);
  else logger.info(line, message);
}
