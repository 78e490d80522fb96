import { organisations } from './organisations';
import { planPartnerships } from './partnership-plan';
import { PartnershipPlan, World } from './plan-types';

/** The organisations and partnerships of a seed: the same for every size of ledger. */
export function buildWorld(seed: string, batchMonths: number): World {
  const base = organisations();
  const partnerships = planPartnerships(seed, base.systems, base.improvement, base.industry);
  const partnershipOf = new Map<string, PartnershipPlan>();
  for (const partnership of partnerships)
    for (const m of partnership.members)
      if (!partnershipOf.has(m.organisationId)) partnershipOf.set(m.organisationId, partnership);
  return { ...base, partnerships, partnershipOf, batchMonths };
}
