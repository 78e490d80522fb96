import { Pence } from '../shared/money';
import { BenefitType } from './intervention-vocabulary';

/** The three ways an intervention's value is counted (docs/value-and-realisation.md). */
export const VALUE_WAYS = ['claimed', 'validated', 'realised'] as const;
export type ValueWay = (typeof VALUE_WAYS)[number];

/** The parts realised value is made of, and the parts of validated value that are not realised (shown beside). */
export const REALISED_PARTS = [
  'validatedNotCapacityPence',
  'cashReleasedPence',
  'reinvestedPence',
  'awaitingReinvestmentPence',
] as const;
export const NOT_REALISED_PARTS = [
  'cashNotReleasedPence',
  'reinvestedBelowValuePence',
  'unharvestedPence',
  'undecidedPence',
] as const;

/**
 * One term of an intervention's value: `amount` added to the figure `key`, with what it is (`note`) and what it rests
 * on (`about`: a cost, or a benefit's claim, revisions and decision, and with `releases` the events of its capacity
 * releases too). Every figure of the value is the sum of its contributions, so the same list gives the totals and,
 * with the events' positions, each figure's trace.
 */
export interface ValueContribution {
  key: readonly string[];
  amount: Pence;
  note: string;
  about: { costId: string } | { benefitId: string; releases: boolean };
}

/** The figure keys of an intervention's value. */
export const interventionValueKeys = {
  cost: (kind: 'direct' | 'indirect' | 'total') => ['costs', kind],
  costBorneBy: (organisationId: string) => ['costs', 'bearer', organisationId],
  way: (way: ValueWay) => [way],
  wayCash: (way: ValueWay, cash: boolean) => [way, cash ? 'cash' : 'non-cash'],
  net: (way: ValueWay) => ['net', way],
  rejected: ['rejected'],
  byType: (type: BenefitType, what: ValueWay | 'rejected') => ['by-type', type, what],
  realisedPart: (part: (typeof REALISED_PARTS)[number]) => ['realised', 'part', part],
  notRealised: (part: (typeof NOT_REALISED_PARTS)[number] | 'total' | 'recordedBeyondLimitsPence') => [
    'not-realised',
    part,
  ],
  capacity: (benefitId: string, what: 'validated' | 'realised' | 'unharvested' | 'undecided') => [
    'capacity',
    benefitId,
    what,
  ],
  multiYear: (what: 'undiscounted' | 'present-value' | 'adjusted-present-value') => ['multi-year', what],
  roi: (way: ValueWay) => ['roi', way],
};

/** Σ of the contributions to each figure, by key (JSON of the key's parts). */
export function sumContributions(contributions: readonly ValueContribution[]): Map<string, Pence> {
  const sums = new Map<string, bigint>();
  for (const c of contributions) {
    const key = JSON.stringify(c.key);
    sums.set(key, (sums.get(key) ?? 0n) + BigInt(c.amount));
  }
  return new Map([...sums].map(([key, value]) => [key, Number(value)]));
}
