import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, VerifyReport, verifyLog } from '@benefit-ledger/event-store';
import { VerifyLogQuery } from './verify-log.query';

@QueryHandler(VerifyLogQuery)
export class VerifyLogHandler implements IQueryHandler<VerifyLogQuery, VerifyReport> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ onProgress }: VerifyLogQuery): Promise<VerifyReport> {
    return verifyLog(this.store, onProgress);
  }
}
