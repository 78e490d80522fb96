import { DataSource } from '../shared/data-source';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';

/** Publishes a unit cost, or a new edition of its price. */
export interface PublishUnitCost {
  type: 'PublishUnitCost';
  unitCostId: string;
  resource: string;
  unit: string;
  pricePence: Pence;
  source: DataSource;
  edition: string;
  priceYear: FinancialYear;
  validFrom: string;
}

export type UnitCostCommand = PublishUnitCost;
