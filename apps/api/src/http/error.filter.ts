import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { DomainError } from '@benefit-ledger/domain';
import { WrongExpectedRevisionError } from '@benefit-ledger/event-store';
import { ConcurrencyConflictError, ForbiddenError } from '@benefit-ledger/application';
import { bodyParserRefusal, refusalBody } from './body-parser-errors';
import { statusOf } from '@benefit-ledger/contracts';

/** Maps every refusal to its status with the rule in words; anything unexpected is a logged 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const send = (status: number, body: Record<string, unknown>) =>
      response.status(status).json({ statusCode: status, ...body });

    if (exception instanceof DomainError) {
      const { status, error } = statusOf(exception.kind);
      return void send(status, {
        error,
        message: exception.message,
        rule: exception.rule,
        ...(exception.field ? { field: exception.field } : {}),
      });
    }
    if (exception instanceof ForbiddenError) return void send(403, { error: 'Forbidden', message: exception.reason });
    if (exception instanceof ConcurrencyConflictError || exception instanceof WrongExpectedRevisionError) {
      return void send(409, { error: 'Conflict', message: exception.message, rule: 'stale-revision' });
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      return void send(
        exception.getStatus(),
        typeof body === 'string' ? { message: body } : (body as Record<string, unknown>),
      );
    }
    const unreadable = bodyParserRefusal(exception, host.switchToHttp().getRequest<Request>());
    if (unreadable) return void send(unreadable.status, refusalBody(unreadable));
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    send(500, {
      error: 'Internal Server Error',
      message: 'unexpected error; nothing was appended unless a 201 was answered',
    });
  }
}
