import { Decider } from '../shared/decider';
import { conflict, invalidReference, notFound, ruleViolated } from '../shared/domain-error';
import { fromHundredths, toHundredths } from '../shared/quantity';
import { ValuedBenefit, valueBenefit } from './benefit-valuation';
import { InterventionCommand } from './intervention.commands';
import { InterventionEvent } from './intervention.events';
import {
  BenefitState,
  InterventionState,
  ReleaseState,
  evolveIntervention,
  initialInterventionState,
} from './intervention.state';
import { Decision, InterventionStatus } from './intervention-vocabulary';
import { compareCalendarDates, requireCalendarDate } from '../shared/calendar-date';
import { withMoneyCeiling } from '../shared/money-limits';
import { formatPounds } from '../shared/money';
import { valueAtValidatedUnit } from './validated-unit-value';
import { upcastInterventionEvent } from './intervention.upcast';
import { checkRegister, registerFrom, reviseRegister } from './benefit-register';
import { decideBenefitActual } from './benefit-actuals';

/** Which decisions may follow which status: the intervention's life cycle. */
const DECISION_ALLOWED_FROM: Record<Decision, readonly InterventionStatus[]> = {
  approve: ['registered'],
  start: ['approved', 'paused'],
  scale: ['active'],
  spread: ['active'],
  pause: ['active'],
  stop: ['registered', 'approved', 'active', 'paused'],
  close: ['registered', 'approved', 'active', 'paused', 'stopped'],
};

function requireRegistered(state: InterventionState): void {
  if (!state.registered) throw notFound('intervention-not-found', 'intervention is not registered');
}

/** New records (costs, measurements, claims, decisions) stop when an intervention is closed. */
function requireOpen(state: InterventionState): void {
  requireRegistered(state);
  if (state.status === 'closed')
    throw ruleViolated('intervention-closed', 'the intervention is closed: nothing more can be recorded against it');
}

function requireBenefit(state: InterventionState, benefitId: string): BenefitState {
  const benefit = state.benefits.get(benefitId);
  if (!benefit)
    throw notFound('benefit-not-found', `benefit '${benefitId}' was not claimed for this intervention`, 'benefitId');
  return benefit;
}

function requireRelease(state: InterventionState, releaseId: string): ReleaseState {
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
function requireValidatedCapacity(
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
const releasedFrom = (state: InterventionState, benefitId: string) =>
  [...state.releases.values()].filter((r) => r.benefitId === benefitId).reduce((total, r) => total + r.released, 0);

/** The valuation fields of a claim or revision event; `profile` only when the benefit has one. */
const withValuation = ({ valuation, valuePence, profile }: ValuedBenefit) => ({
  valuation,
  valuePence,
  ...(profile ? { profile } : {}),
});

function decide(command: InterventionCommand, state: InterventionState): InterventionEvent[] {
  switch (command.type) {
    case 'RegisterIntervention': {
      if (state.registered)
        throw conflict(
          'intervention-exists',
          `intervention '${command.interventionId}' is already registered`,
          'interventionId',
        );
      const { type: _type, ...data } = command;
      return [{ type: 'InterventionRegistered', data }];
    }
    case 'RecordDecision': {
      requireOpen(state);
      const allowed = DECISION_ALLOWED_FROM[command.decision];
      // a registered intervention always has a status; 'registered' is the one registration sets
      if (!allowed.includes(state.status ?? 'registered')) {
        throw ruleViolated(
          'decision-not-allowed',
          `'${command.decision}' cannot follow status '${state.status}' (allowed from: ${allowed.join(', ')})`,
          'decision',
        );
      }
      return [
        {
          type: 'InterventionDecisionRecorded',
          data: { decision: command.decision, rationale: command.rationale, decidedOn: command.decidedOn },
        },
      ];
    }
    case 'RecordCost': {
      requireOpen(state);
      if (state.costs.some((c) => c.costId === command.costId))
        throw conflict('cost-exists', `cost '${command.costId}' is already recorded`, 'costId');
      const { type: _type, ...data } = command;
      return [{ type: 'CostRecorded', data }];
    }
    case 'RecordMeasurement': {
      requireOpen(state);
      if (state.measurementIds.has(command.measurementId)) {
        throw conflict(
          'measurement-exists',
          `measurement '${command.measurementId}' is already recorded`,
          'measurementId',
        );
      }
      const periodStart = requireCalendarDate(command.periodStart, 'periodStart');
      const periodEnd = requireCalendarDate(command.periodEnd, 'periodEnd');
      // as days: text order is date order only for one written form
      if (compareCalendarDates(periodEnd, periodStart) < 0) {
        throw ruleViolated(
          'period-reversed',
          `periodEnd ${periodEnd} must not be before periodStart ${periodStart}`,
          'periodEnd',
        );
      }
      const { type: _type, periodStart: _start, periodEnd: _end, ...rest } = command;
      return [{ type: 'MeasurementRecorded', data: { ...rest, period: { start: periodStart, end: periodEnd } } }];
    }
    case 'ClaimBenefit': {
      requireOpen(state);
      if (state.benefits.has(command.benefitId))
        throw conflict('benefit-exists', `benefit '${command.benefitId}' is already claimed`, 'benefitId');
      command.evidence.forEach((measurementId, i) => {
        if (!state.measurementIds.has(measurementId)) {
          throw invalidReference(
            `evidence[${i}]`,
            `evidence[${i}] names measurement '${measurementId}', which was not recorded for this intervention`,
          );
        }
      });
      const { type: _type, unitCost: _unitCost, profile: _profile, register: _register, ...claim } = command;
      const register = registerFrom(command.register);
      checkRegister(register, {
        interventionId: state.interventionId,
        benefitId: command.benefitId,
        claimedBenefitIds: new Set(state.benefits.keys()),
      });
      const valued = valueBenefit(command.quantity, command, command.financialYear);
      return [{ type: 'BenefitClaimed', data: { ...claim, ...withValuation(valued), register } }];
    }
    case 'ReviseBenefit': {
      requireRegistered(state);
      const benefit = requireBenefit(state, command.benefitId);
      if (benefit.status !== 'claimed') {
        throw ruleViolated(
          'benefit-not-revisable',
          `benefit '${command.benefitId}' is ${benefit.status}: only an unvalidated claim can be revised`,
        );
      }
      const { type: _type, unitCost: _unitCost, profile: _profile, register: _register, ...revision } = command;
      const register = reviseRegister(benefit.register, command.register);
      checkRegister(register, {
        interventionId: state.interventionId,
        benefitId: command.benefitId,
        claimedBenefitIds: new Set(state.benefits.keys()),
      });
      const valued = valueBenefit(command.quantity, command, benefit.financialYear, benefit.profile);
      return [{ type: 'BenefitRevised', data: { ...revision, ...withValuation(valued), register } }];
    }
    case 'ValidateBenefit': {
      requireRegistered(state);
      const benefit = requireBenefit(state, command.benefitId);
      if (benefit.status !== 'claimed') {
        throw ruleViolated(
          'benefit-already-decided',
          `benefit '${command.benefitId}' is already ${benefit.status}: it cannot be validated`,
        );
      }
      if (command.validatedValuePence > benefit.valuePence) {
        throw ruleViolated(
          'validation-exceeds-claim',
          `validatedValuePence (${command.validatedValuePence}) cannot exceed the claimed value (${benefit.valuePence})`,
          'validatedValuePence',
        );
      }
      const quantity = command.validatedQuantity ?? null;
      if (quantity !== null && toHundredths(quantity) > benefit.quantity) {
        throw ruleViolated(
          'validated-quantity-exceeds-claim',
          `validatedQuantity (${quantity} ${benefit.unit}) cannot exceed the claimed quantity (${fromHundredths(benefit.quantity)} ${benefit.unit})`,
          'validatedQuantity',
        );
      }
      return [
        {
          type: 'BenefitValidated',
          data: {
            benefitId: command.benefitId,
            validatedValuePence: command.validatedValuePence,
            note: command.note,
            validatedQuantity: quantity ?? fromHundredths(benefit.quantity),
            source: command.source,
          },
        },
      ];
    }
    case 'RejectBenefit': {
      requireRegistered(state);
      const benefit = requireBenefit(state, command.benefitId);
      if (benefit.status !== 'claimed') {
        throw ruleViolated(
          'benefit-already-decided',
          `benefit '${command.benefitId}' is already ${benefit.status}: it cannot be rejected`,
        );
      }
      return [{ type: 'BenefitRejected', data: { benefitId: command.benefitId, reason: command.reason } }];
    }
    case 'ReleaseCapacity': {
      requireRegistered(state);
      if (state.releases.has(command.releaseId))
        throw conflict('release-exists', `capacity release '${command.releaseId}' is already recorded`, 'releaseId');
      const benefit = state.benefits.get(command.benefitId);
      if (!benefit)
        throw invalidReference(
          'benefitId',
          `benefitId names benefit '${command.benefitId}', which was not claimed for this intervention`,
        );
      if (benefit.benefitType !== 'capacity') {
        throw ruleViolated(
          'release-needs-capacity-benefit',
          `capacity can be released only against a capacity benefit; '${command.benefitId}' is ${benefit.benefitType}`,
          'benefitId',
        );
      }
      if (benefit.status === 'rejected') {
        throw ruleViolated(
          'release-of-rejected-benefit',
          `benefit '${command.benefitId}' was rejected: no capacity can be released against it`,
          'benefitId',
        );
      }
      if (toHundredths(command.quantity) <= 0)
        throw ruleViolated('quantity-not-positive', 'quantity must be greater than 0', 'quantity');
      const validated = requireValidatedCapacity(
        state,
        command.benefitId,
        'release-needs-validated-benefit',
        'a capacity release',
      );
      const already = releasedFrom(state, command.benefitId);
      if (already + toHundredths(command.quantity) > validated.validatedQuantity) {
        throw ruleViolated(
          'release-exceeds-validated-quantity',
          `cannot release more than was validated: benefit '${command.benefitId}' was validated for ${fromHundredths(validated.validatedQuantity)} ${validated.unit}, ` +
            `already released ${fromHundredths(already)}, asked ${command.quantity}`,
          'quantity',
        );
      }
      const { type: _type, ...data } = command;
      return [{ type: 'CapacityReleased', data }];
    }
    case 'HarvestCapacity': {
      requireRegistered(state);
      const release = requireRelease(state, command.releaseId);
      const asked = toHundredths(command.quantity);
      if (asked <= 0) throw ruleViolated('quantity-not-positive', 'quantity must be greater than 0', 'quantity');
      const harvested = release.harvested['cash-release'] + release.harvested.reinvest + release.harvested.unharvested;
      if (harvested + asked > release.released) {
        throw ruleViolated(
          'harvest-exceeds-release',
          `cannot harvest more than was released: released ${fromHundredths(release.released)}, already harvested ${fromHundredths(harvested)}, asked ${command.quantity}`,
          'quantity',
        );
      }
      const { type: _type, ...data } = command;
      return [{ type: 'CapacityHarvested', data }];
    }
    case 'ReleaseCash': {
      requireRegistered(state);
      const release = requireRelease(state, command.releaseId);
      if (release.harvested['cash-release'] === 0) {
        throw ruleViolated(
          'cash-needs-cash-harvest',
          'cash can be released only from capacity harvested as cash-release',
        );
      }
      if (command.amountPence <= 0)
        throw ruleViolated('amount-not-positive', 'amountPence must be greater than 0', 'amountPence');
      const validated = requireValidatedCapacity(
        state,
        release.benefitId,
        'cash-needs-validated-benefit',
        'a cash release',
      );
      // the cash-release harvest at the validated unit value (rounded down): what the capacity was worth as validated
      const most = valueAtValidatedUnit(validated, release.harvested['cash-release']);
      if (release.cashReleasedPence + command.amountPence > most) {
        throw ruleViolated(
          'cash-exceeds-harvest-value',
          `cannot release more cash than the capacity harvested as cash-release is worth at its validated unit value: ` +
            `${fromHundredths(release.harvested['cash-release'])} ${validated.unit} of '${release.benefitId}' (validated ${formatPounds(validated.validatedValuePence)} ` +
            `for ${fromHundredths(validated.validatedQuantity)} ${validated.unit}) is worth at most ${formatPounds(most)}; already released ${formatPounds(release.cashReleasedPence)}, ` +
            `asked ${formatPounds(command.amountPence)}`,
          'amountPence',
        );
      }
      const { type: _type, ...data } = command;
      return [{ type: 'CashReleased', data }];
    }
    case 'ReinvestCapacity': {
      requireRegistered(state);
      const release = requireRelease(state, command.releaseId);
      const asked = toHundredths(command.quantity);
      if (asked <= 0) throw ruleViolated('quantity-not-positive', 'quantity must be greater than 0', 'quantity');
      const available = release.harvested.reinvest - release.reinvested;
      if (asked > available) {
        throw ruleViolated(
          'reinvestment-exceeds-harvest',
          `cannot reinvest more than was harvested for reinvestment: harvested ${fromHundredths(release.harvested.reinvest)}, already reinvested ${fromHundredths(release.reinvested)}, asked ${command.quantity}`,
          'quantity',
        );
      }
      if (command.valuePence !== null) {
        // the value a reinvestment records is realised value: no more than the quantity is worth as validated
        const validated = requireValidatedCapacity(
          state,
          release.benefitId,
          'reinvestment-value-needs-validated-benefit',
          'a reinvestment that records a value',
        );
        const most = valueAtValidatedUnit(validated, asked);
        if (command.valuePence > most) {
          throw ruleViolated(
            'reinvestment-value-exceeds-validated',
            `valuePence (${formatPounds(command.valuePence)}) cannot exceed the reinvested quantity at its validated unit value: ${command.quantity} ${validated.unit} ` +
              `of '${release.benefitId}' (validated ${formatPounds(validated.validatedValuePence)} for ${fromHundredths(validated.validatedQuantity)} ${validated.unit}) is worth at most ${formatPounds(most)}`,
            'valuePence',
          );
        }
      }
      const { type: _type, ...data } = command;
      return [{ type: 'CapacityReinvested', data }];
    }
    case 'RecordBenefitActual':
      requireRegistered(state);
      return decideBenefitActual(command, state);
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
