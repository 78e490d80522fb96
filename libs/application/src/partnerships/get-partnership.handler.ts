import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetPartnershipQuery } from './get-partnership.query';
import { PartnershipReader } from './partnership-reader';

/** Members (current and former), agreements by version, enrolments and costs (revision for If-Match). */
@QueryHandler(GetPartnershipQuery)
export class GetPartnershipHandler implements IQueryHandler<GetPartnershipQuery> {
  constructor(private readonly reader: PartnershipReader) {}

  async execute({ partnershipId, actor }: GetPartnershipQuery) {
    const { state, revision } = await this.reader.read(partnershipId, actor);
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
