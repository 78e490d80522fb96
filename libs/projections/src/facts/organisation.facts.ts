import { OrganisationEvent } from '@benefit-ledger/domain';
import { FactDecisions } from './fact';

export const ORGANISATION_FACTS: FactDecisions<OrganisationEvent> = {
  OrganisationRegistered: (event, _organisationId, add, at) =>
    add('organisations', {
      organisation_id: event.data.organisationId,
      name: event.data.name,
      type: event.data.type,
      system: event.data.system,
      ...at,
    }),
};
