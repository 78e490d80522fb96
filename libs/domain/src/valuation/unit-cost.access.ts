import { Actor } from '../shared/actor';

/**
 * Who publishes prices to the valuation catalogue: finance (whose prices they are) and admins (who keep
 * reference data). Contributors claim benefits valued from it but may not set the prices; auditors never write.
 * Everyone reads it. Returns the reason for a refusal, or null.
 */
export function refuseUnitCostCommand(actor: Actor): string | null {
  if (actor.role === 'auditor') return 'auditors read and trace; they cannot record anything';
  return actor.role === 'finance' || actor.role === 'admin'
    ? null
    : `role '${actor.role}' cannot publish unit costs (finance or admin only)`;
}
