import { PeriodEffect } from '../period/period-lock';
import { InterventionCommand, organisationReferences } from './intervention.commands';
import { InterventionState } from './intervention.state';

/**
 * The organisations whose reported figures an intervention touches: its lead, every cost bearer, and every
 * organisation its benefits or capacity land at. A cost or a validation changes how the intervention's
 * value is split among its investors and where it lands, so a change is one to all of theirs.
 */
export function interventionParties(state: InterventionState): string[] {
  // kept up to date by evolve, so a command need not walk every cost, benefit and release of the stream
  return [...state.parties].sort();
}

/**
 * Which financial year's figures a command changes, by the business date of the change: a cost or a claim
 * by its own financialYear; a revision, validation or rejection by its benefit's; a harvest, cash release or
 * reinvestment by its release's. Registration, decisions and measurements change no reported figure.
 * `attributionParties`: the organisations of the partnerships the intervention is enrolled in (members, past
 * and present, and share holders), read at the edge: a validation changes their attribution figures too.
 * (A cost of a later year still re-weights the investor split of earlier benefits; that is the design's
 * arithmetic, and the earlier year's as-closed figures stay reproducible at its close.)
 */
export function interventionPeriodEffects(
  command: InterventionCommand,
  state: InterventionState,
  attributionParties: readonly string[] = [],
): PeriodEffect[] {
  const id = state.interventionId ?? '?';
  // Worked out only for a command that has an effect: most appends change no reported figure.
  const organisationIds = (): string[] => {
    // A validation also changes the attributed value of every partnership the intervention is enrolled in.
    const partners = command.type === 'ValidateBenefit' ? attributionParties : [];
    return [
      ...new Set([
        ...interventionParties(state),
        ...organisationReferences(command).map((r) => r.organisationId),
        ...partners,
      ]),
    ].sort();
  };
  const effect = (financialYear: string | undefined, what: string): PeriodEffect[] =>
    financialYear
      ? [
          {
            financialYear,
            andLaterYears: false,
            organisationIds: organisationIds(),
            what: `${what} of intervention '${id}'`,
          },
        ]
      : [];
  switch (command.type) {
    case 'RecordCost':
      return effect(command.financialYear, `a ${command.financialYear} cost`);
    case 'ClaimBenefit':
      return effect(command.financialYear, `a ${command.financialYear} benefit claim`);
    case 'ReviseBenefit':
    case 'ValidateBenefit':
    case 'RejectBenefit': {
      const year = state.benefits.get(command.benefitId)?.financialYear;
      const verb = { ReviseBenefit: 'revising', ValidateBenefit: 'validating', RejectBenefit: 'rejecting' }[
        command.type
      ];
      return effect(year, `${verb} the ${year} benefit '${command.benefitId}'`);
    }
    case 'ReleaseCapacity':
      return effect(command.financialYear, `a ${command.financialYear} capacity release`);
    case 'HarvestCapacity':
    case 'ReleaseCash':
    case 'ReinvestCapacity': {
      const year = state.releases.get(command.releaseId)?.financialYear;
      const what = { HarvestCapacity: 'a harvest', ReleaseCash: 'a cash release', ReinvestCapacity: 'a reinvestment' }[
        command.type
      ];
      return effect(year, `${what} of the ${year} capacity release '${command.releaseId}'`);
    }
    case 'RegisterIntervention':
    case 'RecordDecision':
    case 'RecordMeasurement':
    case 'RecordBenefitActual': // plan against actual is no reported value figure: a closed year's stay as closed
      return [];
  }
}
