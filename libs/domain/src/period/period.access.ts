import { Actor } from '../shared/actor';
import { PeriodScope } from './period.events';
import { isSystemScope } from './period.state';

/**
 * Who closes a year (docs/design.md#access): an admin for the whole system, finance for its own organisation.
 * Returns the reason for a refusal, or null.
 */
export function refusePeriodClose(actor: Actor, scope: PeriodScope): string | null {
  if (isSystemScope(scope)) {
    return actor.role === 'admin' ? null : `role '${actor.role}' cannot close a year for the whole system (admin only)`;
  }
  if (actor.role !== 'finance')
    return `role '${actor.role}' cannot close a year for an organisation (finance of that organisation only)`;
  return scope.organisationId === actor.organisationId ? null : 'finance closes a year for its own organisation only';
}

/** The scope a close request is for: the whole system for an admin, otherwise the actor's own organisation. */
export const closeScopeOf = (actor: Actor): PeriodScope =>
  actor.role === 'admin' ? 'system' : { organisationId: actor.organisationId };
