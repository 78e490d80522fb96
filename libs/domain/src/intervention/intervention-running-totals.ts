import { Map as PersistentMap, Set as PersistentSet } from 'immutable';
import { Hundredths } from '../shared/quantity';
import type { InterventionState } from './intervention.state';

/**
 * The running aggregates `evolveIntervention` keeps in the state, so that a command reads them instead of walking
 * every cost, claim and release of the stream: the organisations the intervention touches, and what each benefit's
 * releases have drawn.
 */

/** The parties recomputed from the whole state: only for a log that replaces a claim or release (which the decider refuses). */
function partiesRecomputed(state: InterventionState): PersistentSet<string> {
  return PersistentSet<string>().withMutations((parties) => {
    if (state.leadOrganisationId) parties.add(state.leadOrganisationId);
    state.costs.forEach((cost) => parties.add(cost.bearerOrganisationId));
    state.benefits.forEach((benefit) => parties.add(benefit.landingOrganisationId));
    state.releases.forEach((release) => parties.add(release.landingOrganisationId));
  });
}

/** The state with a claim or release landing at `organisationId` recorded in `changed`: its parties kept up to date. */
export function withLanding(
  before: InterventionState,
  changed: InterventionState,
  replaced: boolean,
  organisationId: string,
): InterventionState {
  // a replaced entry may take the last reference to its organisation with it: then count again, once
  return { ...changed, parties: replaced ? partiesRecomputed(changed) : before.parties.add(organisationId) };
}

/**
 * The quantities drawn by benefit once this release is recorded. The decider refuses a second release with the same
 * id; a log holding one keeps the last, as `releases` does, so the earlier one stops counting.
 */
export function drawnAfterRelease(
  state: InterventionState,
  releaseId: string,
  benefitId: string,
  quantity: Hundredths,
): PersistentMap<string, Hundredths> {
  const replaced = state.releases.get(releaseId);
  const drawn = replaced
    ? state.releasedByBenefit.update(replaced.benefitId, 0, (total) => total - replaced.released)
    : state.releasedByBenefit;
  return drawn.update(benefitId, 0, (total) => total + quantity);
}
