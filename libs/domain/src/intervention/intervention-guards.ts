import { notFound, ruleViolated } from '../shared/domain-error';
import { BenefitState, InterventionState, ReleaseState } from './intervention.state';

/** The checks the intervention decider's command groups share: what must already be recorded for a command. */

export function requireRegistered(state: InterventionState): void {
  if (!state.registered) throw notFound('intervention-not-found', 'intervention is not registered');
}

/** New records (costs, measurements, claims, decisions) stop when an intervention is closed. */
export function requireOpen(state: InterventionState): void {
  requireRegistered(state);
  if (state.status === 'closed')
    throw ruleViolated('intervention-closed', 'the intervention is closed: nothing more can be recorded against it');
}

export function requireBenefit(state: InterventionState, benefitId: string): BenefitState {
  const benefit = state.benefits.get(benefitId);
  if (!benefit)
    throw notFound('benefit-not-found', `benefit '${benefitId}' was not claimed for this intervention`, 'benefitId');
  return benefit;
}

export function requireRelease(state: InterventionState, releaseId: string): ReleaseState {
  const release = state.releases.get(releaseId);
  if (!release)
    throw notFound(
      'release-not-found',
      `capacity release '${releaseId}' was not recorded for this intervention`,
      'releaseId',
    );
  return release;
}

/**
 * The benefit a capacity release draws on, validated: releases, cash and reinvestment values are bounded by what
 * finance validated (its quantity, and its value per unit), so a benefit only claimed bounds nothing yet.
 */
export function requireValidatedCapacity(
  state: InterventionState,
  benefitId: string,
  rule: string,
  what: string,
): BenefitState & { validatedValuePence: number; validatedQuantity: number } {
  const benefit = requireBenefit(state, benefitId);
  if (benefit.status !== 'validated' || benefit.validatedValuePence === null || benefit.validatedQuantity === null) {
    throw ruleViolated(
      rule,
      `${what} needs the capacity benefit '${benefitId}' validated by finance; it is ${benefit.status}`,
    );
  }
  return benefit as BenefitState & { validatedValuePence: number; validatedQuantity: number };
}

/** How much of a benefit's validated quantity its releases have drawn (hundredths). */
export const releasedFrom = (state: InterventionState, benefitId: string): number =>
  state.releasedByBenefit.get(benefitId) ?? 0; // kept by evolve: no walk over every release
