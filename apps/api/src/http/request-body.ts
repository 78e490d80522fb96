import { BadRequestException, HttpException, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response } from 'express';
import { bodyParserRefusal, refusalBody } from './body-parser-errors';
import { bodyShapeProblem } from '@benefit-ledger/contracts';

/**
 * How the API reads a request body, before any route sees it (docs/hostile-input.md):
 * 1. JSON (body-parser, any JSON value, within `limitBytes`; gzip, deflate and br are decoded);
 * 2. anything else is read within the same limit and refused (415) unless empty, so no body is ever ignored;
 * 3. the parsed body must be an object of bounded depth and size with no prototype keys (body-shape.ts), else 400;
 * 4. a parser error becomes its 4xx here (body-parser-errors.ts), because Nest turns a parser's SyntaxError into
 *    a bare 400 before any exception filter could tell what it was.
 */
export function useJsonBodies(app: NestExpressApplication, limitBytes: number): void {
  // not strict: null, numbers and strings parse, so that the shape check names them instead of a JSON syntax error
  app.useBodyParser('json', { limit: limitBytes, strict: false });
  app.useBodyParser('raw', { limit: limitBytes, type: (request) => !(request as Request).is('application/json') });
  app.use(refuseBodiesNotJson);
  app.use(refuseBadShapes);
  app.use(refuseUnreadableBodies);
}

function refuseBodiesNotJson(request: Request, _response: Response, next: NextFunction): void {
  if (!Buffer.isBuffer(request.body)) {
    next();
    return;
  }
  if (request.body.length === 0) {
    request.body = undefined; // an empty body, whatever its Content-Type, is no body
    next();
    return;
  }
  const contentType = request.headers['content-type'];
  next(
    new UnsupportedMediaTypeException(
      `request body must be JSON sent as Content-Type: application/json (it was sent as ${contentType ? `"${contentType}"` : 'no Content-Type'})`,
    ),
  );
}

function refuseBadShapes(request: Request, _response: Response, next: NextFunction): void {
  if (request.body === undefined) {
    next();
    return;
  }
  const problem = bodyShapeProblem(request.body);
  if (!problem) {
    next();
    return;
  }
  const { field, message } = problem;
  next(
    new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message,
      errors: [{ field, messages: [message] }],
    }),
  );
}

function refuseUnreadableBodies(error: unknown, request: Request, _response: Response, next: NextFunction): void {
  const refusal = bodyParserRefusal(error, request);
  next(refusal ? new HttpException(refusalBody(refusal), refusal.status) : error);
}
