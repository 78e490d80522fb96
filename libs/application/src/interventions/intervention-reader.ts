import { Inject, Injectable } from '@nestjs/common';
import {
  InterventionEvent, InterventionState, fold, interventionDecider, interventionStreamId, notFound,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';

/** Folds one intervention's stream for queries; 404 when it was never registered. */
@Injectable()
export class InterventionReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(interventionId: string): Promise<{ state: InterventionState; revision: number }> {
    const events = await this.store.readStream(interventionStreamId(interventionId));
    const state = fold(interventionDecider, events as unknown as InterventionEvent[]);
    if (!state.registered) throw notFound('intervention-not-found', `intervention '${interventionId}' is not registered`);
    return { state, revision: events.length - 1 };
  }
}
