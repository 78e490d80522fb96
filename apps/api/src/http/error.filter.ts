import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { UNEXPECTED_ERROR, refusalAnswer } from './refusal-answer';

/** Maps every refusal to its status with the rule in words (refusal-answer.ts); anything unexpected is a logged 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const refusal = refusalAnswer(exception, host.switchToHttp().getRequest<Request>());
    if (!refusal) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const { status, body } = refusal ?? UNEXPECTED_ERROR;
    response.status(status).json(body);
  }
}
