import { Actor } from '../shared/actor';
import { OrganisationCommand } from './organisation.commands';

/** Only an admin registers organisations. Returns the reason for a refusal, or null. */
export function refuseOrganisationCommand(actor: Actor, _command: OrganisationCommand): string | null {
  return actor.role === 'admin' ? null : `role '${actor.role}' cannot register organisations (admin only)`;
}
