import { Pence, returnPerPound, sumPence } from '../shared/money';
import { InterventionState } from './intervention.state';
import { BENEFIT_TYPES, BenefitType } from './intervention-vocabulary';

export interface InterventionValue {
  interventionId: string;
  costs: { directPence: Pence; indirectPence: Pence; totalPence: Pence; byBearer: Record<string, Pence> };
  benefits: { claimedPence: Pence; validatedPence: Pence; rejectedPence: Pence };
  byType: Record<BenefitType, { claimedPence: Pence; validatedPence: Pence; rejectedPence: Pence }>;
  netValuePence: Pence;
  roi: { ratio: number; perPound: string; pencePerPound: number } | null;
  /**
   * Benefits with a multi-year profile (claimed or validated, not rejected): undiscounted over all their years,
   * beside the Green Book present value and the present value after optimism bias.
   */
  multiYear: { benefits: number; undiscountedPence: Pence; presentValuePence: Pence; adjustedPresentValuePence: Pence };
}

/**
 * The value of one intervention from its state. "claimed" is every claim at its current
 * (possibly revised) value whatever its status; "validated" is finance's validated value;
 * "rejected" is the claimed value of rejected claims. Net = validated − costs; ROI = validated ÷ costs.
 */
export function interventionValue(state: InterventionState): InterventionValue {
  const byBearer: Record<string, Pence> = {};
  for (const c of state.costs) byBearer[c.bearerOrganisationId] = sumPence([byBearer[c.bearerOrganisationId] ?? 0, c.amountPence]);
  const directPence = sumPence(state.costs.filter((c) => c.costType === 'direct').map((c) => c.amountPence));
  const indirectPence = sumPence(state.costs.filter((c) => c.costType === 'indirect').map((c) => c.amountPence));
  const totalPence = sumPence([directPence, indirectPence]);

  const byType = Object.fromEntries(
    BENEFIT_TYPES.map((t) => [t, { claimedPence: 0, validatedPence: 0, rejectedPence: 0 }]),
  ) as InterventionValue['byType'];
  for (const b of state.benefits.values()) {
    const row = byType[b.benefitType];
    row.claimedPence = sumPence([row.claimedPence, b.valuePence]);
    if (b.status === 'validated') row.validatedPence = sumPence([row.validatedPence, b.validatedValuePence ?? 0]);
    if (b.status === 'rejected') row.rejectedPence = sumPence([row.rejectedPence, b.valuePence]);
  }
  const rows = Object.values(byType);
  const benefits = {
    claimedPence: sumPence(rows.map((r) => r.claimedPence)),
    validatedPence: sumPence(rows.map((r) => r.validatedPence)),
    rejectedPence: sumPence(rows.map((r) => r.rejectedPence)),
  };
  const profiles = [...state.benefits.values()].filter((b) => b.status !== 'rejected' && b.profile).map((b) => b.profile!);
  const multiYear = {
    benefits: profiles.length,
    undiscountedPence: sumPence(profiles.map((p) => p.undiscountedPence)),
    presentValuePence: sumPence(profiles.map((p) => p.presentValuePence)),
    adjustedPresentValuePence: sumPence(profiles.map((p) => p.adjustedPresentValuePence)),
  };
  return {
    interventionId: state.interventionId ?? '',
    costs: { directPence, indirectPence, totalPence, byBearer },
    benefits,
    byType,
    netValuePence: benefits.validatedPence - totalPence,
    roi: returnPerPound(benefits.validatedPence, totalPence),
    multiYear,
  };
}
