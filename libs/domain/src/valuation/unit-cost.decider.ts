import { Decider } from '../shared/decider';
import { conflict, ruleViolated } from '../shared/domain-error';
import { PublishUnitCost, UnitCostCommand } from './unit-cost.commands';
import { UnitCostEvent } from './unit-cost.events';
import { UnitCostState, evolveUnitCost, initialUnitCostState } from './unit-cost.state';
import { withMoneyCeiling } from '../shared/money-limits';

function decide(command: UnitCostCommand, state: UnitCostState): UnitCostEvent[] {
  // the only command so far: `satisfies` stops this compiling when another is added, until it is decided here
  const { type: _type, ...data } = command satisfies PublishUnitCost;
  if (data.pricePence <= 0)
    throw ruleViolated('price-not-positive', `pricePence must be greater than 0, got ${data.pricePence}`, 'pricePence');
  if (state.editions.some((e) => e.edition === data.edition)) {
    throw conflict(
      'edition-exists',
      `unit cost '${data.unitCostId}' already has an edition '${data.edition}': publish a new edition under a new name`,
      'edition',
    );
  }
  if (state.published && (data.resource !== state.resource || data.unit !== state.unit)) {
    throw ruleViolated(
      'unit-cost-identity-changed',
      `unit cost '${data.unitCostId}' prices ${state.resource} per ${state.unit}; a new edition must keep its resource and unit (got ${data.resource} per ${data.unit}): publish a different unit cost instead`,
      data.resource !== state.resource ? 'resource' : 'unit',
    );
  }
  const latest = state.editions.at(-1);
  if (latest && data.validFrom <= latest.validFrom) {
    throw ruleViolated(
      'edition-not-later',
      `validFrom ${data.validFrom} must be later than the latest edition's (${latest.edition}, valid from ${latest.validFrom}): editions follow one another in time`,
      'validFrom',
    );
  }
  return [{ type: 'UnitCostPublished', data }];
}

export const unitCostDecider: Decider<UnitCostCommand, UnitCostEvent, UnitCostState> = withMoneyCeiling({
  initialState: initialUnitCostState,
  decide,
  evolve: evolveUnitCost,
});
