import { Inject, Injectable } from '@nestjs/common';
import {
  UnitCostEvent,
  UnitCostState,
  fold,
  notFound,
  unitCostDecider,
  unitCostStreamId,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';

/** Reads unit costs from their streams: for valuing benefits at the edge, and for queries. */
@Injectable()
export class UnitCostCatalogue {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The catalogue entry, or null when it was never published. */
  async find(unitCostId: string): Promise<UnitCostState | null> {
    const { state } = await this.fold(unitCostId);
    return state.published ? state : null;
  }

  async read(unitCostId: string): Promise<{ state: UnitCostState; revision: number }> {
    const found = await this.fold(unitCostId);
    if (!found.state.published)
      throw notFound('unit-cost-not-found', `unit cost '${unitCostId}' is not in the catalogue`);
    return found;
  }

  private async fold(unitCostId: string): Promise<{ state: UnitCostState; revision: number }> {
    const events = await this.store.readStreamOf<UnitCostEvent>(unitCostStreamId(unitCostId));
    return { state: fold(unitCostDecider, events), revision: events.length - 1 };
  }
}
