import { streamIdOf } from '../shared/stream-names';
import { DataSource } from '../shared/data-source';
import { FinancialYear, financialYearStart } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { UnitCostEvent, UnitCostPublished } from './unit-cost.events';

export interface UnitCostEdition {
  edition: string;
  pricePence: Pence;
  priceYear: FinancialYear;
  validFrom: string;
  source: DataSource;
}

export interface UnitCostState {
  published: boolean;
  unitCostId: string | null;
  resource: string | null;
  unit: string | null;
  /** Every edition, in the order published (which is also validFrom order: the decider keeps it so). */
  editions: UnitCostEdition[];
}

export const initialUnitCostState: UnitCostState = {
  published: false,
  unitCostId: null,
  resource: null,
  unit: null,
  editions: [],
};

export const unitCostStreamId = (unitCostId: string) => streamIdOf('unitCost', unitCostId);

export function evolveUnitCost(state: UnitCostState, event: UnitCostEvent): UnitCostState {
  // the only event so far: `satisfies` stops this compiling when another is added, until it is folded here
  const { unitCostId, resource, unit, pricePence, priceYear, validFrom, edition, source } = (
    event satisfies UnitCostPublished
  ).data;
  return {
    published: true,
    unitCostId,
    resource,
    unit,
    editions: [...state.editions, { edition, pricePence, priceYear, validFrom, source }],
  };
}

/**
 * The edition in force for a financial year: the latest edition whose `validFrom` is on or before the first
 * day of that year (1 April). One price per unit cost per year, however late in the year a benefit is claimed;
 * an edition valid from mid-year applies from the next year. Null when no edition was valid by then.
 */
export function editionInForce(state: UnitCostState, financialYear: FinancialYear): UnitCostEdition | null {
  const start = financialYearStart(financialYear);
  let found: UnitCostEdition | null = null;
  for (const e of state.editions) if (e.validFrom <= start && (!found || e.validFrom > found.validFrom)) found = e;
  return found;
}
