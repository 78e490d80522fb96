import { streamIdOf } from '../shared/stream-names';
import { conflict } from '../shared/domain-error';
import { Decider } from '../shared/decider';
import { OrganisationCommand, RegisterOrganisation } from './organisation.commands';
import { OrganisationEvent, OrganisationRegistered } from './organisation.events';
import { OrganisationType } from './organisation-types';

export interface OrganisationState {
  registered: boolean;
  organisationId: string | null;
  name: string | null;
  type: OrganisationType | null;
  system: string | null;
}

export const organisationStreamId = (organisationId: string) => streamIdOf('organisation', organisationId);

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: { registered: false, organisationId: null, name: null, type: null, system: null },

  decide(command, state) {
    // the only command so far: `satisfies` stops this compiling when another is added, until it is decided here
    const register = command satisfies RegisterOrganisation;
    if (state.registered) {
      throw conflict(
        'organisation-exists',
        `organisation '${register.organisationId}' is already registered`,
        'organisationId',
      );
    }
    return [
      {
        type: 'OrganisationRegistered',
        data: {
          organisationId: register.organisationId,
          name: register.name,
          type: register.organisationType,
          system: register.organisationType === 'icb' ? (register.system ?? register.organisationId) : register.system,
        },
      },
    ];
  },

  evolve(_state, event) {
    // the only event so far: `satisfies` stops this compiling when another is added, until it is folded here
    return { registered: true, ...(event satisfies OrganisationRegistered).data };
  },
};
