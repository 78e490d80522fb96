import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { interventionStreamId } from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { Cutoff, Projector, ReadModelQueries } from '@benefit-ledger/projections';
import { ClosedYearView } from '../periods/closed-year-view';
import { requireFinanceReportReader } from '../finance/finance-report.queries';
import { ReadModelAccess } from './read-model-access';
import {
  GetCapacityQuery,
  GetOrganisationValueQuery,
  GetPartnershipAttributionQuery,
  GetSystemFlowsQuery,
  GetUnfoldedEventsQuery,
  TraceFigureQuery,
} from './read-model.queries';

/**
 * Each handler first waits until the read models hold every event already in the log (read-your-writes).
 * For a closed year, the answer also shows the year as closed beside it (ClosedYearView).
 */

@QueryHandler(GetSystemFlowsQuery)
export class GetSystemFlowsHandler implements IQueryHandler<GetSystemFlowsQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly queries: ReadModelQueries,
    private readonly closed: ClosedYearView,
  ) {}
  async execute({ options }: GetSystemFlowsQuery) {
    await this.projector.caughtUp();
    const at = (cutoff: Cutoff) => this.queries.systemFlows({ financialYear: options.financialYear, cutoff });
    return this.closed.beside(at(this.queries.cutoff(options.asAt)), options, 'system', at);
  }
}

@QueryHandler(GetOrganisationValueQuery)
export class GetOrganisationValueHandler implements IQueryHandler<GetOrganisationValueQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly queries: ReadModelQueries,
    private readonly closed: ClosedYearView,
  ) {}
  async execute({ organisationId, options }: GetOrganisationValueQuery) {
    await this.projector.caughtUp();
    const at = (cutoff: Cutoff) =>
      this.queries.organisationValue({ organisationId, financialYear: options.financialYear, cutoff });
    return this.closed.beside(at(this.queries.cutoff(options.asAt)), options, { organisationId }, at);
  }
}

@QueryHandler(GetCapacityQuery)
export class GetCapacityHandler implements IQueryHandler<GetCapacityQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly queries: ReadModelQueries,
    private readonly closed: ClosedYearView,
  ) {}
  async execute({ filter, options }: GetCapacityQuery) {
    await this.projector.caughtUp();
    const at = (cutoff: Cutoff) => this.queries.capacity({ ...filter, financialYear: options.financialYear, cutoff });
    return this.closed.beside(
      at(this.queries.cutoff(options.asAt)),
      options,
      filter.organisationId ? { organisationId: filter.organisationId } : 'system',
      at,
    );
  }
}

@QueryHandler(GetPartnershipAttributionQuery)
export class GetPartnershipAttributionHandler implements IQueryHandler<GetPartnershipAttributionQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly queries: ReadModelQueries,
    private readonly access: ReadModelAccess,
    private readonly closed: ClosedYearView,
  ) {}
  async execute({ partnershipId, actor, options }: GetPartnershipAttributionQuery) {
    await this.projector.caughtUp();
    this.access.requirePartnershipReader(actor, partnershipId);
    const { financialYear } = options;
    // the API's query DTO requires it: attribution follows the agreement of one year
    if (financialYear === null) throw new Error('partnership attribution needs a financial year');
    const at = (cutoff: Cutoff) => this.queries.partnershipAttribution({ partnershipId, financialYear, cutoff });
    return this.closed.beside(at(this.queries.cutoff(options.asAt)), options, 'system', at);
  }
}

@QueryHandler(TraceFigureQuery)
export class TraceFigureHandler implements IQueryHandler<TraceFigureQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly queries: ReadModelQueries,
    private readonly access: ReadModelAccess,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}
  async execute({ figure, actor, page }: TraceFigureQuery) {
    const ref = this.queries.decode(figure);
    await this.projector.caughtUp();
    if (ref.query === 'partnership-attribution')
      this.access.requirePartnershipReader(actor, String(ref.params.partnershipId));
    if (ref.query === 'reconciliation') requireFinanceReportReader(actor, String(ref.params.organisationId));
    // an intervention's value is figured from its own stream
    const stream =
      ref.query === 'intervention-value'
        ? await this.store.readStream(interventionStreamId(String(ref.params.interventionId)))
        : null;
    return this.queries.trace(ref, page, stream);
  }
}

@QueryHandler(GetUnfoldedEventsQuery)
export class GetUnfoldedEventsHandler implements IQueryHandler<GetUnfoldedEventsQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly queries: ReadModelQueries,
  ) {}
  async execute() {
    await this.projector.caughtUp();
    const events = this.queries.unfoldedEvents();
    return { count: events.length, events };
  }
}

export const readModelQueryHandlers = [
  GetUnfoldedEventsHandler,
  GetSystemFlowsHandler,
  GetOrganisationValueHandler,
  GetCapacityHandler,
  GetPartnershipAttributionHandler,
  TraceFigureHandler,
  ReadModelAccess,
  ClosedYearView,
];
