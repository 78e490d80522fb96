import { conflict } from '../shared/domain-error';
import { Decider } from '../shared/decider';
import { OrganisationCommand } from './organisation.commands';
import { OrganisationEvent } from './organisation.events';
import { OrganisationType } from './organisation-types';

export interface OrganisationState {
  registered: boolean;
  organisationId: string | null;
  name: string | null;
  type: OrganisationType | null;
  system: string | null;
}

export const organisationStreamId = (organisationId: string) => `organisation-${organisationId}`;

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: { registered: false, organisationId: null, name: null, type: null, system: null },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterOrganisation':
        if (state.registered) {
          throw conflict('organisation-exists', `organisation '${command.organisationId}' is already registered`, 'organisationId');
        }
        return [
          {
            type: 'OrganisationRegistered',
            data: {
              organisationId: command.organisationId,
              name: command.name,
              type: command.organisationType,
              system: command.organisationType === 'icb' ? (command.system ?? command.organisationId) : command.system,
            },
          },
        ];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return { registered: true, ...event.data };
    }
  },
};
