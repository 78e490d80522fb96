import { conflict, invalidReference, ruleViolated } from '../shared/domain-error';
import { fromHundredths, toHundredths } from '../shared/quantity';
import { decideBenefitActual } from './benefit-actuals';
import { checkRegister, registerFrom, reviseRegister } from './benefit-register';
import { ValuedBenefit, valueBenefit } from './benefit-valuation';
import { InterventionCommand } from './intervention.commands';
import { InterventionEvent } from './intervention.events';
import { requireBenefit, requireOpen, requireRegistered } from './intervention-guards';
import { InterventionState } from './intervention.state';

/** The commands on a benefit's claim: claimed, revised, validated or rejected by finance, and its actuals. */
export type BenefitClaimCommand = Extract<
  InterventionCommand,
  { type: 'ClaimBenefit' | 'ReviseBenefit' | 'ValidateBenefit' | 'RejectBenefit' | 'RecordBenefitActual' }
>;

/** The valuation fields of a claim or revision event; `profile` only when the benefit has one. */
const withValuation = ({ valuation, valuePence, profile }: ValuedBenefit) => ({
  valuation,
  valuePence,
  ...(profile ? { profile } : {}),
});

export function decideBenefitClaim(command: BenefitClaimCommand, state: InterventionState): InterventionEvent[] {
  switch (command.type) {
    case 'ClaimBenefit': {
      requireOpen(state);
      if (state.benefits.has(command.benefitId))
        throw conflict('benefit-exists', `benefit '${command.benefitId}' is already claimed`, 'benefitId');
      command.evidence.forEach((measurementId, index) => {
        if (!state.measurementIds.has(measurementId)) {
          throw invalidReference(
            `evidence[${index}]`,
            `evidence[${index}] names measurement '${measurementId}', which was not recorded for this intervention`,
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
    case 'RecordBenefitActual':
      requireRegistered(state);
      return decideBenefitActual(command, state);
  }
}
