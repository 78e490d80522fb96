import { DomainEvent } from '../shared/decider';
import { OrganisationType } from './organisation-types';

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  { organisationId: string; name: string; type: OrganisationType; system: string | null }
>;

export type OrganisationEvent = OrganisationRegistered;
