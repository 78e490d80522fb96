import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { financialYearEndsAt } from '@benefit-ledger/domain';
import { Projector, ReadModelStore, restatements } from '@benefit-ledger/projections';
import { GetPeriodQuery } from './get-period.query';
import { PeriodDirectory } from './period-directory';

/** Closes from the period stream itself (the authority), restatements from the read models. */
@QueryHandler(GetPeriodQuery)
export class GetPeriodHandler implements IQueryHandler<GetPeriodQuery> {
  constructor(
    private readonly periods: PeriodDirectory,
    private readonly projector: Projector,
    private readonly readModels: ReadModelStore,
  ) {}

  async execute({ financialYear }: GetPeriodQuery) {
    const record = await this.periods.read(financialYear);
    await this.projector.caughtUp();
    const endsAt = financialYearEndsAt(financialYear);
    return {
      financialYear,
      endsAt: endsAt.toISOString(),
      ended: Date.now() >= endsAt.getTime(),
      revision: record.revision,
      closes: record.closes.map((c) => ({
        scope: c.scope,
        closedAt: c.closedAt,
        closedBy: c.closedBy,
        note: c.note,
        eventId: c.eventId,
        position: c.position,
        seal: { algorithm: c.algorithm, position: c.sealPosition, streamCount: c.streamCount, root: c.root },
      })),
      restatements: this.readModels.read((db) => restatements(db, financialYear, this.readModels.checkpoint())),
    };
  }
}
