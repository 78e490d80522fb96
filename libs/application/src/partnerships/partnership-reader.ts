import { Inject, Injectable } from '@nestjs/common';
import {
  PartnershipEvent, PartnershipState, fold, notFound, partnershipDecider, partnershipStreamId,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';

/** Folds one partnership's stream for queries; 404 when it was never formed. */
@Injectable()
export class PartnershipReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(partnershipId: string): Promise<{ state: PartnershipState; revision: number }> {
    const events = await this.store.readStream(partnershipStreamId(partnershipId));
    const state = fold(partnershipDecider, events as unknown as PartnershipEvent[]);
    if (!state.formed) throw notFound('partnership-not-found', `partnership '${partnershipId}' is not formed`);
    return { state, revision: events.length - 1 };
  }
}
