import { conflict, invalidReference, ruleViolated } from '../shared/domain-error';
import { formatPounds } from '../shared/money';
import { fromHundredths, toHundredths } from '../shared/quantity';
import { InterventionCommand } from './intervention.commands';
import { InterventionEvent } from './intervention.events';
import { releasedFrom, requireRegistered, requireRelease, requireValidatedCapacity } from './intervention-guards';
import { InterventionState } from './intervention.state';
import { valueAtValidatedUnit } from './validated-unit-value';

/** The commands on released capacity: released against a validated benefit, harvested, cashed or reinvested. */
export type CapacityReleaseCommand = Extract<
  InterventionCommand,
  { type: 'ReleaseCapacity' | 'HarvestCapacity' | 'ReleaseCash' | 'ReinvestCapacity' }
>;

export function decideCapacityRelease(command: CapacityReleaseCommand, state: InterventionState): InterventionEvent[] {
  switch (command.type) {
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
  }
}
