import { OrganisationEvent } from '@benefit-ledger/domain';
import { StreamFacts } from './fact';

export const organisationFacts: StreamFacts = (event, _organisationId, add, at) => {
  const e = event as unknown as OrganisationEvent;
  if (e.type === 'OrganisationRegistered') {
    add('organisations', { organisation_id: e.data.organisationId, name: e.data.name, type: e.data.type, system: e.data.system, ...at });
  }
};
