import 'reflect-metadata';
import { ArgumentsHost, Logger } from '@nestjs/common';
import createError from 'http-errors';
import { ErrorFilter } from '../src/http/error.filter';

/**
 * Every error type body-parser and raw-body raise, made as they make them (http-errors) and passed to the real
 * ErrorFilter: each answers a 4xx with words a client can act on, never a 500. The ones a client can cause over
 * HTTP are also sent for real in test/hostile-input.e2e-spec.ts; these cover the rest (an aborted upload, a length
 * that does not match Content-Length, a stream read twice).
 */
describe('ErrorFilter maps every body-parser error to a 4xx', () => {
  function answer(error: unknown, headers: Record<string, string> = {}) {
    const sent: { status?: number; body?: Record<string, unknown> } = {};
    const response = {
      status: (s: number) => ((sent.status = s), response),
      json: (b: Record<string, unknown>) => ((sent.body = b), response),
    };
    const host = {
      switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ headers }) }),
    } as unknown as ArgumentsHost;
    new ErrorFilter().catch(error, host);
    return sent;
  }

  it.each([
    [
      createError(400, 'Unexpected end of JSON input', { type: 'entity.parse.failed' }),
      400,
      'request body is not valid JSON: Unexpected end of JSON input',
    ],
    [
      createError(413, 'request entity too large', { type: 'entity.too.large', limit: 65536 }),
      413,
      'request body exceeds the limit of 65536 bytes',
    ],
    [
      createError(415, 'unsupported content encoding "compress"', {
        type: 'encoding.unsupported',
        encoding: 'compress',
      }),
      415,
      'Content-Encoding "compress" is not supported',
    ],
    [
      createError(415, 'unsupported charset "KOI8-R"', { type: 'charset.unsupported', charset: 'koi8-r' }),
      400,
      'charset "KOI8-R" is not supported',
    ],
    [
      createError(403, 'bad signature', { type: 'entity.verify.failed' }),
      400,
      'request body failed verification: bad signature',
    ],
    [
      createError(400, 'request aborted', { type: 'request.aborted' }),
      400,
      'the request was aborted before its body was complete',
    ],
    [
      createError(400, 'request size did not match content length', { type: 'request.size.invalid' }),
      400,
      'does not match its Content-Length',
    ],
    [
      createError(500, 'stream encoding should not be set', { type: 'stream.encoding.set' }),
      400,
      'could not be read as sent',
    ],
    [createError(500, 'stream is not readable', { type: 'stream.not.readable' }), 400, 'could not be read as sent'],
    [createError(413, 'too many parameters', { type: 'parameters.too.many' }), 413, 'too many parameters'],
    [
      createError(400, 'The input exceeded the depth', { type: 'querystring.parse.rangeError' }),
      400,
      'nested too deeply',
    ],
    [
      createError(422, 'something new', { type: 'some.future.type' }),
      422,
      'request body could not be read: something new',
    ],
  ])('%s', (error, status, message) => {
    const sent = answer(error, { 'content-encoding': 'compress' });
    expect(sent.status).toBe(status);
    expect(sent.body).toMatchObject({ statusCode: status, message: expect.stringContaining(message) });
  });

  it('names the declared encoding when a body does not decompress (zlib errors come through untyped)', () => {
    const zlibError = Object.assign(createError(400, new Error('incorrect header check')), {
      errno: -3,
      code: 'Z_DATA_ERROR',
    });
    expect(answer(zlibError, { 'content-encoding': 'gzip' })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('not valid gzip data') },
    });
  });

  it('still answers (and logs) 500 for what is no client error', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(answer(new TypeError('a bug'))).toMatchObject({ status: 500 });
    expect(answer(Object.assign(new Error('a bug with a code'), { errno: -3, code: 'Z_DATA_ERROR' }))).toMatchObject({
      status: 500,
    });
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });
});
