import { Inject, Injectable } from '@nestjs/common';
import {
  InterventionEvent,
  InterventionState,
  fold,
  interventionDecider,
  interventionStreamId,
  invalidReference,
  notFound,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';

/** Folds one intervention's stream for queries; 404 when it was never registered. */
@Injectable()
export class InterventionReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(interventionId: string): Promise<{ state: InterventionState; revision: number }> {
    const { state, revision } = await this.fold(interventionId);
    if (!state.registered)
      throw notFound('intervention-not-found', `intervention '${interventionId}' is not registered`);
    return { state, revision };
  }

  /** For reference checks: a 400-kind error naming the field when the intervention was never registered. */
  async requireRegistered(field: string, interventionId: string): Promise<InterventionState> {
    const { state } = await this.fold(interventionId);
    if (!state.registered)
      throw invalidReference(field, `${field} names intervention '${interventionId}', which is not registered`);
    return state;
  }

  /** The intervention's state, or null when it was never registered. */
  async find(interventionId: string): Promise<InterventionState | null> {
    const { state } = await this.fold(interventionId);
    return state.registered ? state : null;
  }

  private async fold(interventionId: string): Promise<{ state: InterventionState; revision: number }> {
    const events = await this.store.readStreamOf<InterventionEvent>(interventionStreamId(interventionId));
    return { state: fold(interventionDecider, events), revision: events.length - 1 };
  }
}
