import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  InterventionEvent,
  fold,
  interventionDecider,
  interventionParties,
  interventionStreamId,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { Cutoff, Projector, ReadModelQueries } from '@benefit-ledger/projections';
import { ClosedYearView } from '../periods/closed-year-view';
import { GetInterventionValueQuery } from './get-intervention-value.query';

/**
 * GET /interventions/:id/value, like every other figure: as at an instant (`asAt`) and for a financial year, every
 * figure with a reference /trace accepts. The figures come from the intervention's own stream, folded up to the
 * cutoff the read models give; a closed year is shown as closed beside as restated, closed when a close covers any
 * organisation the intervention touches (as the period lock judges its writes).
 */
@QueryHandler(GetInterventionValueQuery)
export class GetInterventionValueHandler implements IQueryHandler<GetInterventionValueQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly queries: ReadModelQueries,
    private readonly closed: ClosedYearView,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ interventionId, options }: GetInterventionValueQuery) {
    await this.projector.caughtUp();
    const events = await this.store.readStreamOf<InterventionEvent>(interventionStreamId(interventionId));
    const at = (cutoff: Cutoff) =>
      this.queries.interventionValue({ interventionId, financialYear: options.financialYear, cutoff }, events);
    const answer = at(this.queries.cutoff(options.asAt));
    const parties = interventionParties(
      fold(
        interventionDecider,
        events.filter((e) => e.position <= answer.upToPosition),
      ),
    );
    return this.closed.beside(answer, options, { organisationIds: parties }, at);
  }
}
