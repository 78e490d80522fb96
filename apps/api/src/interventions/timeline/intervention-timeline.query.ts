import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { interventionStreamId } from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { Projector, ReadModelQueries, interventionTimeline } from '@benefit-ledger/projections';

/** An intervention's decisions, a page at a time, as at an instant when asked. */
export class GetInterventionTimelineQuery {
  constructor(
    readonly interventionId: string,
    readonly page: { offset: number; limit: number },
    readonly asAt: string | null,
  ) {}
}

/**
 * GET /interventions/:id/timeline: the intervention's own stream (as its value is figured), cut where the read
 * models say the log stood at `asAt` (or at what they have applied now), so its figures' references trace the same
 * figures later.
 */
@QueryHandler(GetInterventionTimelineQuery)
export class GetInterventionTimelineHandler implements IQueryHandler<GetInterventionTimelineQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly queries: ReadModelQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ interventionId, page, asAt }: GetInterventionTimelineQuery) {
    await this.projector.caughtUp();
    const events = await this.store.readStream(interventionStreamId(interventionId));
    return interventionTimeline(events, { interventionId, cutoff: this.queries.cutoff(asAt), ...page });
  }
}
