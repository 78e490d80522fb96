import { Decider } from '../shared/decider';
import { withMoneyCeiling } from '../shared/money-limits';
import { decideBenefitClaim } from './benefit-claims.decide';
import { decideCapacityRelease } from './capacity-release.decide';
import { InterventionCommand } from './intervention.commands';
import { InterventionEvent } from './intervention.events';
import { decideInterventionRecord } from './intervention-records.decide';
import { InterventionState, evolveIntervention, initialInterventionState } from './intervention.state';
import { upcastInterventionEvent } from './intervention.upcast';

/** Each command group decides in a file of its own; this is only which group a command is in. */
function decide(command: InterventionCommand, state: InterventionState): InterventionEvent[] {
  switch (command.type) {
    case 'RegisterIntervention':
    case 'RecordDecision':
    case 'RecordCost':
    case 'RecordMeasurement':
      return decideInterventionRecord(command, state);
    case 'ClaimBenefit':
    case 'ReviseBenefit':
    case 'ValidateBenefit':
    case 'RejectBenefit':
    case 'RecordBenefitActual':
      return decideBenefitClaim(command, state);
    case 'ReleaseCapacity':
    case 'HarvestCapacity':
    case 'ReleaseCash':
    case 'ReinvestCapacity':
      return decideCapacityRelease(command, state);
  }
}

export const interventionDecider: Decider<InterventionCommand, InterventionEvent, InterventionState> = withMoneyCeiling(
  {
    initialState: initialInterventionState,
    decide,
    // events written at an earlier schema version are read in today's shape
    evolve: (state, event) => evolveIntervention(state, upcastInterventionEvent(event)),
  },
);
