import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Projector, ReadModelQueries } from '@benefit-ledger/projections';
import { requireFinanceReportReader } from '../finance/finance-report.queries';
import { ReadModelAccess } from './read-model-access';
import {
  GetCapacityQuery, GetOrganisationValueQuery, GetPartnershipAttributionQuery, GetSystemFlowsQuery, TraceFigureQuery,
} from './read-model.queries';

/** Each handler first waits until the read models hold every event already in the log (read-your-writes). */

@QueryHandler(GetSystemFlowsQuery)
export class GetSystemFlowsHandler implements IQueryHandler<GetSystemFlowsQuery> {
  constructor(private readonly projector: Projector, private readonly queries: ReadModelQueries) {}
  async execute({ options }: GetSystemFlowsQuery) {
    await this.projector.caughtUp();
    return this.queries.systemFlows({ financialYear: options.financialYear, cutoff: this.queries.cutoff(options.asAt) });
  }
}

@QueryHandler(GetOrganisationValueQuery)
export class GetOrganisationValueHandler implements IQueryHandler<GetOrganisationValueQuery> {
  constructor(private readonly projector: Projector, private readonly queries: ReadModelQueries) {}
  async execute({ organisationId, options }: GetOrganisationValueQuery) {
    await this.projector.caughtUp();
    return this.queries.organisationValue({ organisationId, financialYear: options.financialYear, cutoff: this.queries.cutoff(options.asAt) });
  }
}

@QueryHandler(GetCapacityQuery)
export class GetCapacityHandler implements IQueryHandler<GetCapacityQuery> {
  constructor(private readonly projector: Projector, private readonly queries: ReadModelQueries) {}
  async execute({ filter, options }: GetCapacityQuery) {
    await this.projector.caughtUp();
    return this.queries.capacity({ ...filter, financialYear: options.financialYear, cutoff: this.queries.cutoff(options.asAt) });
  }
}

@QueryHandler(GetPartnershipAttributionQuery)
export class GetPartnershipAttributionHandler implements IQueryHandler<GetPartnershipAttributionQuery> {
  constructor(private readonly projector: Projector, private readonly queries: ReadModelQueries, private readonly access: ReadModelAccess) {}
  async execute({ partnershipId, actor, options }: GetPartnershipAttributionQuery) {
    await this.projector.caughtUp();
    this.access.requirePartnershipReader(actor, partnershipId);
    return this.queries.partnershipAttribution({ partnershipId, financialYear: options.financialYear!, cutoff: this.queries.cutoff(options.asAt) });
  }
}

@QueryHandler(TraceFigureQuery)
export class TraceFigureHandler implements IQueryHandler<TraceFigureQuery> {
  constructor(private readonly projector: Projector, private readonly queries: ReadModelQueries, private readonly access: ReadModelAccess) {}
  async execute({ figure, actor }: TraceFigureQuery) {
    const ref = this.queries.decode(figure);
    await this.projector.caughtUp();
    if (ref.query === 'partnership-attribution') this.access.requirePartnershipReader(actor, String(ref.params.partnershipId));
    if (ref.query === 'reconciliation') requireFinanceReportReader(actor, String(ref.params.organisationId));
    return this.queries.trace(ref);
  }
}

export const readModelQueryHandlers = [
  GetSystemFlowsHandler, GetOrganisationValueHandler, GetCapacityHandler, GetPartnershipAttributionHandler, TraceFigureHandler, ReadModelAccess,
];
