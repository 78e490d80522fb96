import { DomainEvent } from '../shared/decider';
import { DataSource } from '../shared/data-source';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';

/**
 * The valuation catalogue (docs/design.md#the-events): one stream per unit cost, one event per edition of its price.
 * `priceYear` is the financial year the price is expressed in; `validFrom` the date the edition applies from.
 */
export type UnitCostPublished = DomainEvent<
  'UnitCostPublished',
  {
    unitCostId: string;
    resource: string;
    unit: string;
    pricePence: Pence;
    source: DataSource;
    edition: string;
    priceYear: FinancialYear;
    validFrom: string;
  }
>;

export type UnitCostEvent = UnitCostPublished;
