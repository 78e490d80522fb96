import { IncomingMessage } from 'node:http';
import { HttpException } from '@nestjs/common';
import { Request } from 'express';
import { DomainError } from '@benefit-ledger/domain';
import { WrongExpectedRevisionError } from '@benefit-ledger/event-store';
import { ConcurrencyConflictError, ForbiddenError } from '@benefit-ledger/application';
import { statusOf } from '@benefit-ledger/contracts';
import { bodyParserRefusal, refusalBody } from './body-parser-errors';

/** A refusal as the client is told it: the status and the JSON body (which repeats the status as `statusCode`). */
export interface RefusalAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Every refusal the API knows, to its status with the rule in words; null for anything unexpected (a logged 500).
 * One mapping for both edges: the error filter (Nest) and the fast cost lane, so they cannot word a refusal apart.
 */
export function refusalAnswer(exception: unknown, request: IncomingMessage): RefusalAnswer | null {
  const answer = (status: number, body: Record<string, unknown>): RefusalAnswer => ({
    status,
    body: { statusCode: status, ...body },
  });
  if (exception instanceof DomainError) {
    const { status, error } = statusOf(exception.kind);
    return answer(status, {
      error,
      message: exception.message,
      rule: exception.rule,
      ...(exception.field ? { field: exception.field } : {}),
    });
  }
  if (exception instanceof ForbiddenError) return answer(403, { error: 'Forbidden', message: exception.reason });
  if (exception instanceof ConcurrencyConflictError || exception instanceof WrongExpectedRevisionError) {
    return answer(409, { error: 'Conflict', message: exception.message, rule: 'stale-revision' });
  }
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    return answer(
      exception.getStatus(),
      typeof body === 'string' ? { message: body } : (body as Record<string, unknown>),
    );
  }
  const unreadable = bodyParserRefusal(exception, request as Request);
  return unreadable ? answer(unreadable.status, refusalBody(unreadable)) : null;
}

/** What a 500 tells the client: nothing of the error itself (it is logged, with its stack and correlation id). */
export const UNEXPECTED_ERROR: RefusalAnswer = {
  status: 500,
  body: {
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'unexpected error; nothing was appended unless a 201 was answered',
  },
};
