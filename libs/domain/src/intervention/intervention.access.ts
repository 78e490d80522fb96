import { Actor } from '../shared/actor';
import { InterventionCommand } from './intervention.commands';
import { InterventionState } from './intervention.state';

/**
 * Who may do what to an intervention (docs/design.md#access). Returns the reason for a refusal, or null.
 * Contributors record for interventions their organisation leads; capacity decisions belong to the
 * organisation where the capacity landed; finance validates benefits led by or landing at its
 * organisation; auditors never write. A restatement of a closed year (`restating`) is finance's: finance then
 * stands in for whichever role records the command, and the organisation rules stay as they are.
 */
export function refuseInterventionCommand(
  actor: Actor,
  command: InterventionCommand,
  state: InterventionState,
  restating = false,
): string | null {
  const own = (organisationId: string | null | undefined) => organisationId === actor.organisationId;
  const roleIn = (...roles: Actor['role'][]) => restating || roles.includes(actor.role);
  if (actor.role === 'auditor') return 'auditors read and trace; they cannot record anything';
  if (restating && actor.role !== 'finance')
    return `a restatement of a closed year is recorded by finance, not by role '${actor.role}'`;

  switch (command.type) {
    case 'RegisterIntervention':
      if (!roleIn('contributor')) return `role '${actor.role}' cannot register interventions (contributor only)`;
      return own(command.leadOrganisationId)
        ? null
        : 'a contributor registers interventions led by its own organisation only';
    case 'RecordCost':
      if (!roleIn('contributor', 'finance')) return `role '${actor.role}' cannot record costs (contributor or finance)`;
      return own(state.leadOrganisationId) ? null : 'costs are recorded by the lead organisation of the intervention';
    case 'RecordDecision':
    case 'RecordMeasurement':
    case 'ClaimBenefit':
    case 'ReviseBenefit':
    case 'ReleaseCapacity':
      if (!roleIn('contributor')) return `role '${actor.role}' cannot do ${command.type} (contributor only)`;
      return own(state.leadOrganisationId)
        ? null
        : 'a contributor records only for interventions led by its own organisation';
    case 'ValidateBenefit':
    case 'RejectBenefit': {
      if (!roleIn('finance')) return `role '${actor.role}' cannot validate or reject benefits (finance only)`;
      const benefit = state.benefits.get(command.benefitId);
      if (!benefit) return null; // the decider answers 404
      return own(state.leadOrganisationId) || own(benefit.landingOrganisationId)
        ? null
        : 'finance validates only benefits of interventions its organisation leads or that land at its organisation';
    }
    case 'RecordBenefitActual': {
      if (!roleIn('finance')) return `role '${actor.role}' cannot record what a benefit delivered (finance only)`;
      const benefit = state.benefits.get(command.benefitId);
      if (!benefit) return null; // the decider answers 404
      return own(benefit.landingOrganisationId)
        ? null
        : 'actuals are recorded by finance of the organisation where the benefit lands';
    }
    case 'HarvestCapacity':
    case 'ReleaseCash':
    case 'ReinvestCapacity': {
      if (!roleIn('contributor', 'finance'))
        return `role '${actor.role}' cannot record capacity decisions (contributor or finance)`;
      const release = state.releases.get(command.releaseId);
      if (!release) return null; // the decider answers 404
      return own(release.landingOrganisationId)
        ? null
        : 'capacity decisions are taken by the organisation where the capacity landed';
    }
  }
}
