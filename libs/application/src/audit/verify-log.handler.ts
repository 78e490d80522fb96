import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { VerifyReport } from '@benefit-ledger/event-store';
import { LogVerification } from './log-verification';
import { VerifyLogQuery } from './verify-log.query';

@QueryHandler(VerifyLogQuery)
export class VerifyLogHandler implements IQueryHandler<VerifyLogQuery, VerifyReport> {
  constructor(private readonly verification: LogVerification) {}

  execute({ onProgress }: VerifyLogQuery): Promise<VerifyReport> {
    return this.verification.verifier(onProgress).run();
  }
}
