import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canReadPartnership } from '@benefit-ledger/domain';
import { ForbiddenError } from '../application-errors';
import { GetPartnershipQuery } from './get-partnership.query';
import { PartnershipReader } from './partnership-reader';

/** Members (current and former), agreements by version, enrolments and costs (revision for If-Match). */
@QueryHandler(GetPartnershipQuery)
export class GetPartnershipHandler implements IQueryHandler<GetPartnershipQuery> {
  constructor(private readonly reader: PartnershipReader) {}

  async execute({ partnershipId, actor }: GetPartnershipQuery) {
    const { state, revision } = await this.reader.read(partnershipId);
    if (!canReadPartnership(actor, state)) {
      throw new ForbiddenError('a partnership is read by its members (current or former), auditors and admins only');
    }
    return {
      partnershipId: state.partnershipId,
      name: state.name,
      revision,
      members: state.members,
      formerMembers: state.formerMembers,
      agreements: state.agreements,
      enrolments: state.enrolments,
      costs: state.costs,
    };
  }
}
