import { applyBasisPoints } from '../shared/allocation';
import { ruleViolated } from '../shared/domain-error';
import { FinancialYear, financialYearAfter } from '../shared/financial-year';
import { Pence, divideHalfUp, sumPence } from '../shared/money';

/**
 * HM Treasury Green Book discounting of a multi-year benefit profile. The rates are the Green Book's for
 * years 0–30: 3.5% a year (standard) and 1.5% for health effects. Longer profiles are refused rather than
 * discounted at rates this ledger does not carry.
 */
export const DISCOUNT_SCHEDULES = ['standard', 'health'] as const;
export type DiscountSchedule = (typeof DISCOUNT_SCHEDULES)[number];

export const GREEN_BOOK_RATE_BASIS_POINTS: Record<DiscountSchedule, number> = { standard: 350, health: 150 };
/** The last year (counting the benefit's own year as year 0) the rates above cover. */
export const GREEN_BOOK_HORIZON_YEARS = 30;

export const DISCOUNTING_METHOD =
  "present value = value / (1 + rate)^t, t = years after the claim's financial year (year 0), each year rounded half up to the penny; " +
  'optimism bias reduces the present value by its share, rounded half up';

/** What a claim asks for: its value in the years after its own, and how to discount them. */
export interface ProfileRequest {
  followingYears: { financialYear: FinancialYear; valuePence: Pence }[];
  discounting: { schedule: DiscountSchedule; optimismBiasBasisPoints: number };
}

export interface DiscountedYear {
  financialYear: FinancialYear;
  /** 0 for the claim's own financial year. */
  yearIndex: number;
  valuePence: Pence;
  rateBasisPoints: number;
  /** 1 / (1 + rate)^t to six decimal places, for reading; the present value is computed exactly. */
  discountFactor: string;
  presentValuePence: Pence;
}

/** The result recorded in the event, with the rates used. */
export interface DiscountedProfile {
  schedule: DiscountSchedule;
  rateBasisPoints: number;
  optimismBiasBasisPoints: number;
  method: string;
  years: DiscountedYear[];
  undiscountedPence: Pence;
  presentValuePence: Pence;
  optimismBiasPence: Pence;
  /** presentValuePence − optimismBiasPence. */
  adjustedPresentValuePence: Pence;
}

const TEN_THOUSAND = 10_000n;

/** value × (10000 / (10000 + rate))^t, rounded half up, exactly (BigInt). */
export function presentValue(valuePence: Pence, rateBasisPoints: number, t: number): Pence {
  const numerator = BigInt(valuePence) * TEN_THOUSAND ** BigInt(t);
  const denominator = (TEN_THOUSAND + BigInt(rateBasisPoints)) ** BigInt(t);
  return Number(divideHalfUp(numerator, denominator));
}

function discountFactor(rateBasisPoints: number, t: number): string {
  const millionths = presentValue(1_000_000, rateBasisPoints, t);
  return `${Math.floor(millionths / 1_000_000)}.${String(millionths % 1_000_000).padStart(6, '0')}`;
}

/**
 * Discounts a benefit's profile: year 0 is the claim itself (its financial year and value), then the following
 * years, which must be the consecutive financial years after it, at most 30 of them. Pure and integer-only.
 */
export function discountProfile(
  claimYear: FinancialYear,
  claimValuePence: Pence,
  request: ProfileRequest,
): DiscountedProfile {
  const { followingYears, discounting } = request;
  if (followingYears.length > GREEN_BOOK_HORIZON_YEARS) {
    throw ruleViolated(
      'profile-beyond-green-book-horizon',
      `profile.followingYears has ${followingYears.length} years; the Green Book rates used here cover years 0–${GREEN_BOOK_HORIZON_YEARS}, so at most ${GREEN_BOOK_HORIZON_YEARS} years may follow the claim's own`,
      'profile.followingYears',
    );
  }
  followingYears.forEach((year, index) => {
    const expected = financialYearAfter(claimYear, index + 1);
    if (year.financialYear !== expected) {
      throw ruleViolated(
        'profile-years-not-consecutive',
        `profile.followingYears[${index}].financialYear must be ${expected}: the profile runs year by year from the one after the claim's ${claimYear}`,
        `profile.followingYears[${index}].financialYear`,
      );
    }
  });
  const ob = discounting.optimismBiasBasisPoints;
  if (!Number.isInteger(ob) || ob < 0 || ob > 10_000) {
    throw ruleViolated(
      'optimism-bias-out-of-range',
      `optimismBiasBasisPoints must be a whole number from 0 to 10000, got ${ob}`,
      'profile.discounting.optimismBiasBasisPoints',
    );
  }
  if (!DISCOUNT_SCHEDULES.includes(discounting.schedule)) {
    throw ruleViolated(
      'unknown-discount-schedule',
      `profile.discounting.schedule must be one of: ${DISCOUNT_SCHEDULES.join(', ')}`,
      'profile.discounting.schedule',
    );
  }
  const rate = GREEN_BOOK_RATE_BASIS_POINTS[discounting.schedule];
  const all = [{ financialYear: claimYear, valuePence: claimValuePence }, ...followingYears];
  const years = all.map((y, t): DiscountedYear => ({
    financialYear: y.financialYear,
    yearIndex: t,
    valuePence: y.valuePence,
    rateBasisPoints: rate,
    discountFactor: discountFactor(rate, t),
    presentValuePence: presentValue(y.valuePence, rate, t),
  }));
  const presentValuePence = sumPence(years.map((y) => y.presentValuePence));
  const optimismBiasPence = applyBasisPoints(presentValuePence, ob);
  return {
    schedule: discounting.schedule,
    rateBasisPoints: rate,
    optimismBiasBasisPoints: ob,
    method: DISCOUNTING_METHOD,
    years,
    undiscountedPence: sumPence(years.map((y) => y.valuePence)),
    presentValuePence,
    optimismBiasPence,
    adjustedPresentValuePence: presentValuePence - optimismBiasPence,
  };
}

/** The request a discounted profile was computed from (to recompute it when a revision changes the claim's value). */
export function profileRequestOf(profile: DiscountedProfile): ProfileRequest {
  return {
    followingYears: profile.years.slice(1).map((y) => ({ financialYear: y.financialYear, valuePence: y.valuePence })),
    discounting: { schedule: profile.schedule, optimismBiasBasisPoints: profile.optimismBiasBasisPoints },
  };
}
