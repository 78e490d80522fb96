import { UnitCostEvent } from '@benefit-ledger/domain';
import { FactDecisions } from './fact';

/** The valuation catalogue is read from its own streams (unit-cost-catalogue), not from the figures. */
export const UNIT_COST_FACTS: FactDecisions<UnitCostEvent> = {
  UnitCostPublished: 'none',
};
