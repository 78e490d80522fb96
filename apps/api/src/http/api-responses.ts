import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { CommandHeaders } from './command-context.factory';

/** One field a request got wrong, named by its full path (`source.system`, `lines[0].amountPence`). */
export class FieldErrorBody {
  @ApiProperty({ example: 'source.system' }) field: string;
  @ApiProperty({ type: [String], example: ['source.system must be a string'] }) messages: string[];
}

/**
 * What every refusal answers (the error filter writes it): the status, its name, the reason in words, and, by kind,
 * every field at fault (400 on a body), the domain rule refused (409, 422, some 400s and 404s) and the field it names.
 */
export class ErrorBody {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 422 }) statusCode: number;
  @ApiProperty({ example: 'Unprocessable Entity', description: 'the name of the status' }) error: string;
  @ApiProperty({
    example: "financialYear 2019/20 is closed for organisation 'riverside-teaching-hospitals'",
    description: 'what was wrong, in words',
  })
  message: string;
  @ApiPropertyOptional({
    type: [FieldErrorBody],
    description: 'every field at fault, when the body or query did not validate',
  })
  errors?: FieldErrorBody[];
  @ApiPropertyOptional({
    example: 'period-closed',
    description: 'the rule refused, for a domain refusal or a conflict',
  })
  rule?: string;
  @ApiPropertyOptional({ example: 'financialYear', description: 'the field the rule concerns, when there is one' })
  field?: string;
}

/** The statuses a refusal can answer, and what each means here. */
const REFUSALS = {
  400: 'the request is malformed: a body field, query or path parameter or header, named in `errors` or `message`',
  401: 'no bearer token, or one that is not valid (signature, expiry, lifetime)',
  403: "the token's role or organisation may not do this",
  404: 'what the request names does not exist (`rule` says what)',
  409: 'a conflict: If-Match names a revision the stream has moved on from, the entity exists already, or the Idempotency-Key was used for another request',
  413: 'the request body is beyond the limit (BODY_LIMIT)',
  415: 'the request body is not JSON, or its Content-Encoding is not identity, gzip, deflate or br',
  422: 'a domain rule refused it: `rule` names the rule, `field` the field it concerns',
  429: 'too many requests from this user: retry after the seconds in Retry-After',
  503: 'the service is not ready',
} as const;
export type RefusalStatus = keyof typeof REFUSALS;

/**
 * Documents each refusal an operation can answer, every one with the same JSON body (ErrorBody): the content type is
 * given here, so that an operation producing something else when it succeeds (a file, metrics) still says so.
 */
export const ApiErrorResponses = (...statuses: RefusalStatus[]) =>
  applyDecorators(
    ApiExtraModels(ErrorBody),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: `${STATUS_CODES[status]}: ${REFUSALS[status]}`,
        content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } },
        ...(status === 429
          ? {
              headers: {
                'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } },
              },
            }
          : {}),
      }),
    ),
  );

/** What any command can be refused with; 404 is added where the command names an existing entity in its path. */
const COMMAND_REFUSALS: RefusalStatus[] = [400, 401, 403, 409, 413, 415, 422, 429];

/** Documents a command (a POST that appends): the headers it reads (If-Match, X-Correlation-Id, Idempotency-Key) and its refusals. */
export const ApiCommand = (...also: RefusalStatus[]) =>
  applyDecorators(CommandHeaders(), ApiErrorResponses(...COMMAND_REFUSALS, ...also));
