import { STATUS_CODES } from 'node:http';
import { Request } from 'express';

/** What the client is told when a body could not be read: always a 4xx, with what to do instead. */
export interface BodyRefusal {
  status: number;
  message: string;
}

/** The errors body-parser and raw-body raise carry a `type` (and an http-errors `status`). */
interface ParserError {
  type?: unknown;
  status?: unknown;
  message?: unknown;
  limit?: unknown;
  /** Set (as a string) only on 'charset.unsupported'. */
  charset?: string;
  errno?: unknown;
  code?: unknown;
}

const ENCODINGS = 'identity (uncompressed), gzip, deflate or br';
const encodingOf = (request: Request) => (request.headers['content-encoding'] ?? 'identity').toLowerCase();
const charsetOf = (error: ParserError) => (error.charset ?? '').toUpperCase();

/** Every error type body-parser (json, raw, urlencoded, text) and raw-body document, each to a 4xx. */
const byType: Partial<Record<string, (error: ParserError, request: Request) => BodyRefusal>> = {
  'entity.parse.failed': (e) => ({ status: 400, message: `request body is not valid JSON: ${String(e.message)}` }),
  'entity.too.large': (e) => ({ status: 413, message: `request body exceeds the limit of ${String(e.limit)} bytes` }),
  'encoding.unsupported': (_e, request) => ({
    status: 415,
    message: `Content-Encoding "${encodingOf(request)}" is not supported: send the body as ${ENCODINGS}`,
  }),
  'charset.unsupported': (error) => ({
    status: 400,
    message: `charset "${charsetOf(error)}" is not supported: send JSON as UTF-8 (Content-Type: application/json; charset=utf-8)`,
  }),
  'entity.verify.failed': (e) => ({ status: 400, message: `request body failed verification: ${String(e.message)}` }),
  'request.aborted': () => ({ status: 400, message: 'the request was aborted before its body was complete' }),
  'request.size.invalid': () => ({
    status: 400,
    message: 'request body length does not match its Content-Length header',
  }),
  // raw-body says 500 for these two (the stream was already read or decoded by the server): still nothing the body can be trusted for
  'stream.encoding.set': () => ({
    status: 400,
    message: 'request body could not be read as sent (its stream was already decoded)',
  }),
  'stream.not.readable': () => ({
    status: 400,
    message: 'request body could not be read as sent (its stream was already read)',
  }),
  'parameters.too.many': () => ({ status: 413, message: 'request body has too many parameters' }),
  'querystring.parse.rangeError': () => ({ status: 400, message: 'request body is nested too deeply' }),
};

/** zlib and brotli failures come through body-parser untyped, as a 400 with zlib's errno and code. */
const isDecompressionError = (error: ParserError, request: Request) =>
  typeof error.errno === 'number' && typeof error.code === 'string' && encodingOf(request) !== 'identity';

/**
 * The refusal for an error raised while reading a request body, or undefined if `error` is not one.
 * A body declared compressed that is not (gzip that is not gzip) is malformed (400); an encoding the server
 * does not decode is 415; an unknown type the parser marks as a client error keeps its status and message.
 */
export function bodyParserRefusal(error: unknown, request: Request): BodyRefusal | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const parserError = error as ParserError;
  const refusalOfType = typeof parserError.type === 'string' ? byType[parserError.type] : undefined;
  if (refusalOfType) return refusalOfType(parserError, request);
  if (isDecompressionError(parserError, request)) {
    return {
      status: 400,
      message: `request body is not valid ${encodingOf(request)} data, as its Content-Encoding says (send it compressed so, or leave Content-Encoding out)`,
    };
  }
  if (
    typeof parserError.type === 'string' &&
    typeof parserError.status === 'number' &&
    parserError.status >= 400 &&
    parserError.status < 500
  ) {
    return { status: parserError.status, message: `request body could not be read: ${String(parserError.message)}` };
  }
  return undefined;
}

/** The JSON the error filter answers with, e.g. { statusCode: 415, error: 'Unsupported Media Type', message }. */
export const refusalBody = ({ status, message }: BodyRefusal) => ({
  statusCode: status,
  error: STATUS_CODES[status] ?? 'Bad Request',
  message,
});
