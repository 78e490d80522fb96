import { Inject, Injectable } from '@nestjs/common';
import {
  OrganisationEvent,
  OrganisationState,
  fold,
  invalidReference,
  organisationDecider,
  organisationStreamId,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';

/** Reads organisations from their streams, for reference checks and queries. */
@Injectable()
export class OrganisationDirectory {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async find(organisationId: string): Promise<OrganisationState | null> {
    const events = await this.store.readStreamOf<OrganisationEvent>(organisationStreamId(organisationId));
    const state = fold(organisationDecider, events);
    return state.registered ? state : null;
  }

  /** Throws a 400-kind error naming the field when the organisation is not registered. */
  async requireRegistered(field: string, organisationId: string): Promise<OrganisationState> {
    const found = await this.find(organisationId);
    if (!found)
      throw invalidReference(field, `${field} names organisation '${organisationId}', which is not registered`);
    return found;
  }
}
