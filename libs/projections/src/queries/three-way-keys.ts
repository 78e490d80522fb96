import {
  NOT_REALISED_PARTS,
  REALISED_PARTS,
  VALUE_WAYS,
  ValueWay,
  formatPounds,
  fromHundredths,
} from '@benefit-ledger/domain';
import { BenefitThreeWays } from './benefits-three-ways';
import { required } from '../required';

/**
 * The figures of the three ways (claimed, validated, realised; cash or not; the parts realised and not) by key, and
 * what one benefit adds to each, with the note and the events of its term.
 */

/**
 * A set of costs the three ways are set against: 'value' (each report's own costs), or a second basis beside it
 * (a partnership's programme costs plus its interventions' attributed costs).
 */
export type CostBasisName = 'value' | 'value-with-intervention-costs';

/** The keys of the three ways in a report's FigureBook; net, ROI and costs by cost basis. */
export const threeWayKeys = {
  total: (way: ValueWay) => JSON.stringify(['value', way]),
  cash: (way: ValueWay, cash: boolean) => JSON.stringify(['value', way, cash ? 'cash' : 'non-cash']),
  net: (way: ValueWay, basis: CostBasisName = 'value') => JSON.stringify([basis, way, 'net']),
  roi: (way: ValueWay, basis: CostBasisName = 'value') => JSON.stringify([basis, way, 'roi']),
  costs: (basis: CostBasisName = 'value') => JSON.stringify([basis, 'costs']),
  realisedPart: (part: (typeof REALISED_PARTS)[number]) => JSON.stringify(['value', 'realised', 'part', part]),
  notRealised: (part: (typeof NOT_REALISED_PARTS)[number] | 'total' | 'recordedBeyondLimitsPence') =>
    JSON.stringify(['not-realised', part]),
};
const TK = threeWayKeys;

// the keys amountsOf sets, made once: a report over a year of the system adds thousands of benefits
const WAY_KEYS = new Map(
  VALUE_WAYS.map((w) => [w, { total: TK.total(w), cash: TK.cash(w, true), nonCash: TK.cash(w, false) }]),
);
const REALISED_PART_KEYS = REALISED_PARTS.map((part) => [part, TK.realisedPart(part)] as const);
const NOT_REALISED_PART_KEYS = NOT_REALISED_PARTS.map((part) => [part, TK.notRealised(part)] as const);
const NOT_REALISED_TOTAL_KEY = TK.notRealised('total');
const BEYOND_LIMITS_KEY = TK.notRealised('recordedBeyondLimitsPence');

/** What one benefit adds to each figure of the three ways, by key (a way counts a benefit once it is validated, claimed always). */
export function amountsOf(benefit: BenefitThreeWays): Map<string, number> {
  const amounts = new Map<string, number>();
  const cashType = benefit.benefitType === 'cash-releasing';
  const way = (valueWay: ValueWay, total: number, cash: number) => {
    const keys = required(WAY_KEYS, valueWay, 'keys of way');
    amounts.set(keys.total, total);
    amounts.set(keys.cash, cash);
    amounts.set(keys.nonCash, total - cash);
  };
  way('claimed', benefit.claimedPence, cashType ? benefit.claimedPence : 0);
  if (benefit.validated) way('validated', benefit.validated.pence, cashType ? benefit.validated.pence : 0);
  const realisation = benefit.realisation;
  if (realisation) {
    way('realised', realisation.realisedPence, realisation.cashPence);
    for (const [part, key] of REALISED_PART_KEYS) amounts.set(key, realisation.realised[part]);
    for (const [part, key] of NOT_REALISED_PART_KEYS) amounts.set(key, realisation.notRealised[part]);
    amounts.set(NOT_REALISED_TOTAL_KEY, realisation.validatedPence - realisation.realisedPence);
    amounts.set(BEYOND_LIMITS_KEY, realisation.recordedBeyondLimitsPence);
  }
  return amounts;
}

/** The way a figure key belongs to (its terms rest on that way's events). */
export const wayOfKey = (key: string): ValueWay => {
  const parts = JSON.parse(key) as string[];
  return parts[0] === 'not-realised' ? 'realised' : (parts[1] as ValueWay);
};

/** A benefit's terms rest on its claim (and revision), its validation and, for what was realised, its capacity events. */
export const positionsOf = (benefit: BenefitThreeWays, way: ValueWay) => [
  ...benefit.claimPositions,
  ...(way !== 'claimed' && benefit.validated ? [benefit.validated.position] : []),
  ...(way === 'realised' ? benefit.releasePositions : []),
];

export function describeTerm(benefit: BenefitThreeWays, key: string, amount: number): string {
  const what = `benefit ${benefit.benefitId} of ${benefit.interventionId} (${benefit.benefitType}) landing at ${benefit.landingOrganisationId}`;
  const figure = (JSON.parse(key) as string[]).join(' ');
  const realisation = benefit.realisation;
  if (!realisation || benefit.benefitType !== 'capacity' || wayOfKey(key) !== 'realised')
    return `${what}: ${figure} ${formatPounds(amount)}`;
  return (
    `${what}: ${figure} ${formatPounds(amount)} (validated ${formatPounds(realisation.validatedPence)} for ${fromHundredths(realisation.quantities.validated)}; realised ` +
    `${formatPounds(realisation.realisedPence)} = cash released ${formatPounds(realisation.realised.cashReleasedPence)} + reinvested ${formatPounds(realisation.realised.reinvestedPence)} ` +
    `+ awaiting reinvestment ${formatPounds(realisation.realised.awaitingReinvestmentPence)}; unharvested ${formatPounds(realisation.notRealised.unharvestedPence)}, ` +
    `undecided ${formatPounds(realisation.notRealised.undecidedPence)})`
  );
}
/** Every figure key of the three ways but net, costs and ROI: present in every answer, zero when nothing adds to it. */
export const VALUE_KEYS = [
  ...VALUE_WAYS.flatMap((w) => [TK.total(w), TK.cash(w, true), TK.cash(w, false)]),
  ...REALISED_PARTS.map(TK.realisedPart),
  ...NOT_REALISED_PARTS.map(TK.notRealised),
  TK.notRealised('total'),
  TK.notRealised('recordedBeyondLimitsPence'),
];

/** Whether a key is one of the three ways' (so its trace is worked out by addThreeWays). */
export const isThreeWayKey = (key: string) => {
  const head = (JSON.parse(key) as string[])[0];
  return head === 'value' || head === 'not-realised' || head === 'value-with-intervention-costs';
};
