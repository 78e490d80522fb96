import { OrganisationType } from './organisation-types';

export interface RegisterOrganisation {
  type: 'RegisterOrganisation';
  organisationId: string;
  name: string;
  organisationType: OrganisationType;
  /** The ICB (an organisation id) the organisation belongs to; an ICB is its own system. */
  system: string | null;
}

export type OrganisationCommand = RegisterOrganisation;
