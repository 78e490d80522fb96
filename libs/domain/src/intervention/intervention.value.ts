import { Pence, returnPerPound, sumPence } from '../shared/money';
import { figureProblem } from '../shared/money-limits';
import { BenefitState, CostState, InterventionState } from './intervention.state';
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
  /** Present only when a stored figure is beyond the ceiling per figure: what was left out of the totals, and why. */
  excludedFigures?: string[];
}

/**
 * The value of one intervention from its state. "claimed" is every claim at its current
 * (possibly revised) value whatever its status; "validated" is finance's validated value;
 * "rejected" is the claimed value of rejected claims. Net = validated − costs; ROI = validated ÷ costs.
 */
export function interventionValue(state: InterventionState): InterventionValue {
  const { costs, benefits: claims, excludedFigures } = withinCeiling(state);
  const byBearer: Record<string, Pence> = {};
  for (const c of costs) byBearer[c.bearerOrganisationId] = sumPence([byBearer[c.bearerOrganisationId] ?? 0, c.amountPence]);
  const directPence = sumPence(costs.filter((c) => c.costType === 'direct').map((c) => c.amountPence));
  const indirectPence = sumPence(costs.filter((c) => c.costType === 'indirect').map((c) => c.amountPence));
  const totalPence = sumPence([directPence, indirectPence]);

  const byType = Object.fromEntries(
    BENEFIT_TYPES.map((t) => [t, { claimedPence: 0, validatedPence: 0, rejectedPence: 0 }]),
  ) as InterventionValue['byType'];
  for (const b of claims) {
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
  const profiles = claims.filter((b) => b.status !== 'rejected' && b.profile).map((b) => b.profile!);
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
    ...(excludedFigures.length ? { excludedFigures } : {}),
  };
}

/**
 * The costs and claims whose figures are whole pence within the ceiling, and the others named: a figure recorded
 * beyond it (before the ceiling was enforced) is left out of every total rather than stop the answer.
 */
function withinCeiling(state: InterventionState): { costs: CostState[]; benefits: BenefitState[]; excludedFigures: string[] } {
  const excludedFigures: string[] = [];
  const costs = state.costs.filter((c) => {
    const problem = figureProblem(c.amountPence);
    if (problem) excludedFigures.push(`cost '${c.costId}': amountPence ${problem}`);
    return !problem;
  });
  const benefits = [...state.benefits.values()].filter((b) => {
    const problem = figureProblem(b.valuePence) ?? figureProblem(b.validatedValuePence) ?? (b.profile ? figureProblem(b.profile.undiscountedPence) : null);
    if (problem) excludedFigures.push(`benefit '${b.benefitId}': ${problem}`);
    return !problem;
  });
  return { costs, benefits, excludedFigures };
}
