import { figureProblem } from '../shared/money-limits';
import { BenefitState, CostState, InterventionState, ReleaseState } from './intervention.state';

/**
 * The costs and claims whose figures are whole pence within the ceiling, and the others named: a figure recorded
 * beyond it (before the ceiling was enforced) is left out of every total rather than stop the answer.
 */
export function withinCeiling(state: InterventionState): {
  costs: CostState[];
  benefits: BenefitState[];
  releases: ReleaseState[];
  excludedFigures: string[];
} {
  const excludedFigures: string[] = [];
  const costs = [...state.costs.values()].filter((cost) => {
    const problem = figureProblem(cost.amountPence);
    if (problem) excludedFigures.push(`cost '${cost.costId}': amountPence ${problem}`);
    return !problem;
  });
  const benefits = [...state.benefits.values()].filter((benefit) => {
    const problem =
      figureProblem(benefit.valuePence) ??
      figureProblem(benefit.validatedValuePence) ??
      (benefit.profile ? figureProblem(benefit.profile.undiscountedPence) : null);
    if (problem) excludedFigures.push(`benefit '${benefit.benefitId}': ${problem}`);
    return !problem;
  });
  const releases = [...state.releases.values()].filter((release) => {
    const problem =
      figureProblem(release.cashReleasedPence) ??
      release.reinvestments
        .map((reinvestment) => figureProblem(reinvestment.valuePence))
        .find((found) => found !== null) ??
      null;
    if (problem) excludedFigures.push(`capacity release '${release.releaseId}': ${problem}`);
    return !problem;
  });
  return { costs, benefits, releases, excludedFigures };
}
