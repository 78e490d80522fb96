import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  PartnershipEvent,
  PartnershipState,
  canReadPartnership,
  fold,
  notFound,
  partnershipDecider,
  partnershipStreamId,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { ForbiddenError } from '../application-errors';

/**
 * Folds one partnership's stream for a reader. Access is checked first, so that someone who may not read
 * it learns nothing, not even whether it exists (403); then 404 when it was never formed.
 */
@Injectable()
export class PartnershipReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(partnershipId: string, actor: Actor): Promise<{ state: PartnershipState; revision: number }> {
    const events = await this.store.readStreamOf<PartnershipEvent>(partnershipStreamId(partnershipId));
    const state = fold(partnershipDecider, events);
    if (!canReadPartnership(actor, state)) {
      throw new ForbiddenError('a partnership is read by its members (current or former), auditors and admins only');
    }
    if (!state.formed) throw notFound('partnership-not-found', `partnership '${partnershipId}' is not formed`);
    return { state, revision: events.length - 1 };
  }
}
