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
import { VouchedStreamReads } from '../commands/vouched-stream-reads';

/** Reads organisations from their streams, for reference checks and queries. */
@Injectable()
export class OrganisationDirectory {
  /** A command's reference checks: answered without a read while nothing else wrote (vouched-stream-reads.ts). */
  private readonly forCommands: VouchedStreamReads<OrganisationState | null>;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.forCommands = new VouchedStreamReads(store);
  }

  async find(organisationId: string): Promise<OrganisationState | null> {
    const events = await this.store.readStreamOf<OrganisationEvent>(organisationStreamId(organisationId));
    const state = fold(organisationDecider, events);
    return state.registered ? state : null;
  }

  /**
   * Throws a 400-kind error naming the field when the organisation is not registered. For commands (their reference
   * checks): the answer may be the one kept since an earlier command, while the log watch vouches for it.
   */
  async requireRegistered(field: string, organisationId: string): Promise<OrganisationState> {
    const found = await this.forCommands.answer(organisationStreamId(organisationId), () => this.find(organisationId));
    if (!found)
      throw invalidReference(field, `${field} names organisation '${organisationId}', which is not registered`);
    return found;
  }
}
