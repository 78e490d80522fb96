import { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { Logger, Params, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import pino, { DestinationStream } from 'pino';
import { HttpLogger, pinoHttp } from 'pino-http';
import pinoPretty from 'pino-pretty';
import { LogFormat } from '@benefit-ledger/application';
import { correlationIdOf } from './correlation-id';
import { routePattern } from './route-pattern';

/** Where log lines go: stdout unless a destination is given (tests capture them). */
export interface Logging {
  destination?: DestinationStream;
}

/**
 * Never written, whatever object is logged: credentials in request headers and cookies. Request lines below
 * carry no headers at all; this is the second line of defence for anything else that logs a request.
 */
const REDACTED = [
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];

/** The process's root logger: JSON lines, or pino-pretty's readable ones on a terminal (LOG_FORMAT auto) or when asked. */
export function rootLogger(settings: { logLevel: string; logFormat: LogFormat }, logging: Logging): pino.Logger {
  const readable =
    settings.logFormat === 'pretty' || (settings.logFormat === 'auto' && !logging.destination && process.stdout.isTTY);
  const options: pino.LoggerOptions = {
    level: settings.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED, censor: '[redacted]' },
  };
  if (readable) {
    // one line each: what a request line's message already says (method, route, status) is not repeated after it
    return pino(
      options,
      pinoPretty({
        destination: logging.destination ?? 1,
        colorize: !logging.destination,
        translateTime: 'SYS:HH:MM:ss.l',
        singleLine: true,
        ignore: 'pid,hostname,method,route,status',
      }),
    );
  }
  return logging.destination ? pino(options, logging.destination) : pino(options);
}

type LoggedRequest = IncomingMessage & { actor?: { userId: string }; originalUrl?: string };

/** The path requested, without its query string. */
const pathOf = (request: LoggedRequest) => (request.originalUrl ?? request.url ?? '').split('?')[0];

/** What one request's line says: method, route, path (no query), status, user and time taken; the correlation id is bound to the logger. */
function requestLine(request: LoggedRequest, response: ServerResponse, ms: number) {
  return {
    method: request.method,
    route: routePattern(request),
    path: pathOf(request),
    status: response.statusCode,
    ms,
    user: request.actor?.userId ?? null,
  };
}

const summary = (request: LoggedRequest, response: ServerResponse) =>
  `${request.method} ${routePattern(request) ?? pathOf(request)} ${response.statusCode}`;

/**
 * pino-http: one line per request when its answer is finished, at `error` for a 5xx and `info` otherwise. Every
 * line a request's handling logs carries its correlation id (`correlationId`), and nothing else of the request.
 */
export function requestLogger(logger: pino.Logger): HttpLogger {
  return pinoHttp<LoggedRequest>({
    logger,
    genReqId: (request) => correlationIdOf(request),
    customAttributeKeys: { reqId: 'correlationId', responseTime: 'ms' },
    quietReqLogger: true,
    quietResLogger: true,
    // the request itself is never serialised (its headers carry the token): the line says what it needs
    wrapSerializers: false,
    serializers: { req: (request: LoggedRequest) => ({ method: request.method }) },
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (request, response, value: { ms: number }) => requestLine(request, response, value.ms),
    // a 5xx's error is logged where it is caught (the error filter), with its stack and this correlation id
    customErrorObject: (request, response, _error, value: { ms: number }) => requestLine(request, response, value.ms),
    customSuccessMessage: (request, response) => summary(request, response),
    customErrorMessage: (request, response) => summary(request, response),
  });
}

/** Nest's own start-up chatter (modules loaded, routes mapped) at debug, so that `info` starts with what an operator needs. */
const NEST_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's logger (Logger from @nestjs/common, in every class) through pino, with the request's correlation id inside a request. */
@Injectable()
export class NestPinoLogger extends Logger {
  constructor(logger: PinoLogger, @Inject(PARAMS_PROVIDER_TOKEN) params: Params) {
    super(logger, params);
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && NEST_START_UP.has(context)) {
      this.debug(message, ...optionalParams);
      return;
    }
    super.log(message, ...optionalParams);
  }
}
