import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrganisationState, notFound } from '@benefit-ledger/domain';
import { GetOrganisationQuery } from './get-organisation.query';
import { OrganisationDirectory } from './organisation-directory';

@QueryHandler(GetOrganisationQuery)
export class GetOrganisationHandler implements IQueryHandler<GetOrganisationQuery, OrganisationState> {
  constructor(private readonly organisations: OrganisationDirectory) {}

  async execute({ organisationId }: GetOrganisationQuery) {
    const found = await this.organisations.find(organisationId);
    if (!found) throw notFound('organisation-not-found', `organisation '${organisationId}' is not registered`);
    return found;
  }
}
