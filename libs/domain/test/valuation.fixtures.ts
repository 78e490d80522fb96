/** Events and commands of the valuation catalogue, with plain defaults. */
import { PublishUnitCost, UnitCostPublished, UnitCostState, fold, unitCostDecider } from '../src';
import { SOURCE } from './intervention.fixtures';

export const unitCostPublished = (over: Partial<UnitCostPublished['data']> = {}): UnitCostPublished => ({
  type: 'UnitCostPublished',
  data: {
    unitCostId: 'xs-bed-day',
    resource: 'excess bed-day',
    unit: 'bed-day',
    pricePence: 34_500,
    source: SOURCE,
    edition: 'NCC-2019',
    priceYear: '2019/20',
    validFrom: '2019-04-01',
    ...over,
  },
});

export const publishUnitCost = (over: Partial<Omit<PublishUnitCost, 'type'>> = {}): PublishUnitCost => ({
  type: 'PublishUnitCost',
  ...unitCostPublished().data,
  ...over,
});

/** The catalogue entry as the edge would pass it into a claim: the folded stream. */
export const catalogue = (...events: UnitCostPublished[]): UnitCostState => fold(unitCostDecider, events);
