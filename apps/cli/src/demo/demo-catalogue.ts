import { Actor, PublishUnitCost } from '@benefit-ledger/domain';
import { DEMO_SYSTEM } from './demo-organisations';

/** The ICB's finance team keeps the system's valuation catalogue. */
export const CATALOGUE_PUBLISHER: Actor = {
  userId: `costing.lead@${DEMO_SYSTEM}`,
  organisationId: DEMO_SYSTEM,
  role: 'finance',
};

const source = (reference: string) => ({ system: 'National Cost Collection', reference, extractedOn: '2019-03-29' });
const unitCost = (
  unitCostId: string,
  resource: string,
  unit: string,
  pricePence: number,
  edition: string,
  priceYear: string,
  validFrom: string,
): PublishUnitCost => ({
  type: 'PublishUnitCost',
  unitCostId,
  resource,
  unit,
  pricePence,
  source: source(`${edition} ${unitCostId}`),
  edition,
  priceYear,
  validFrom,
});

/**
 * Unit costs the demo's benefits are valued from (prices invented, shapes real), published before the
 * interventions: the excess bed-day has two editions, so a 2018/19 benefit and a 2019/20 one price differently.
 */
export const DEMO_UNIT_COSTS: PublishUnitCost[] = [
  unitCost('excess-bed-day', 'excess bed-day, non-elective', 'bed-day', 33_000, 'NCC-2018-19', '2018/19', '2018-04-01'),
  unitCost('excess-bed-day', 'excess bed-day, non-elective', 'bed-day', 34_500, 'NCC-2019-20', '2019/20', '2019-04-01'),
  unitCost(
    'non-elective-admission',
    'non-elective admission, short stay',
    'admission',
    285_000,
    'NCC-2019-20',
    '2019/20',
    '2019-04-01',
  ),
  unitCost(
    'theatre-session',
    'elective theatre session (4 hours)',
    'session',
    650_000,
    'NCC-2019-20',
    '2019/20',
    '2019-04-01',
  ),
  unitCost('agency-nurse-hour', 'agency nursing hour, band 5', 'hour', 4_500, 'NCC-2019-20', '2019/20', '2019-04-01'),
];
