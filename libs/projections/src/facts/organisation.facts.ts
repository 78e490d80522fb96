import { OrganisationEvent } from '@benefit-ledger/domain';
import { StreamFacts } from './fact';

export const organisationFacts: StreamFacts = (event, _organisationId, add, at) => {
  // the stream's type names its events; the check comes before the cast, on the recorded type
  if (event.type === 'OrganisationRegistered') {
    const e = event as unknown as OrganisationEvent;
    add('organisations', {
      organisation_id: e.data.organisationId,
      name: e.data.name,
      type: e.data.type,
      system: e.data.system,
      ...at,
    });
  }
};
