import { ForbiddenError } from '@benefit-ledger/application';
import { Actor, Role } from '@benefit-ledger/domain';

/** For reads limited to some roles; writes are decided by the domain's access policy. */
export function requireRole(actor: Actor, roles: Role[], what: string): void {
  if (!roles.includes(actor.role))
    throw new ForbiddenError(`role '${actor.role}' cannot ${what} (${roles.join(' or ')} only)`);
}
