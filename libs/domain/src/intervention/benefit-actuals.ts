import { conflict, notFound, ruleViolated } from '../shared/domain-error';
import { FinancialYear } from '../shared/financial-year';
import { Pence, sumPence } from '../shared/money';
import { DiscountedProfile } from '../valuation/green-book';
import { BenefitActualRecorded } from './intervention.events';
import { InterventionCommand } from './intervention.commands';
import { InterventionState } from './intervention.state';

/**
 * Plan against actual: what a benefit forecast for each financial year (its claim's own year, and the following years
 * of its profile, undiscounted) against what finance of the landing organisation recorded as arrived.
 */
export interface ForecastYear {
  financialYear: FinancialYear;
  valuePence: Pence;
}

/** The years a benefit forecast, in order, with the value forecast for each. */
export function forecastYears(benefit: {
  financialYear: FinancialYear;
  valuePence: Pence;
  profile: DiscountedProfile | null;
}): ForecastYear[] {
  if (!benefit.profile) return [{ financialYear: benefit.financialYear, valuePence: benefit.valuePence }];
  return benefit.profile.years.map((year) => ({ financialYear: year.financialYear, valuePence: year.valuePence }));
}

type RecordBenefitActual = Extract<InterventionCommand, { type: 'RecordBenefitActual' }>;

/**
 * The rules for recording what arrived: the benefit was claimed here and validated by finance (a claim not yet
 * validated has no agreed forecast, a rejected one none at all); the year is one it forecast; the quantity is in the
 * benefit's unit; and a year's actual is recorded once.
 */
export function decideBenefitActual(command: RecordBenefitActual, state: InterventionState): BenefitActualRecorded[] {
  const benefit = state.benefits.get(command.benefitId);
  if (!benefit)
    throw notFound(
      'benefit-not-found',
      `benefit '${command.benefitId}' was not claimed for this intervention`,
      'benefitId',
    );
  if (benefit.status === 'rejected') {
    throw ruleViolated(
      'actual-of-rejected-benefit',
      `benefit '${command.benefitId}' was rejected: nothing can arrive against it`,
      'benefitId',
    );
  }
  if (benefit.status !== 'validated') {
    throw ruleViolated(
      'actual-needs-validated-benefit',
      `benefit '${command.benefitId}' is ${benefit.status}: actuals are recorded against a benefit finance validated`,
      'benefitId',
    );
  }
  const years = forecastYears(benefit).map((y) => y.financialYear);
  if (!years.includes(command.financialYear)) {
    throw ruleViolated(
      'actual-outside-forecast',
      `financialYear ${command.financialYear} is not a year benefit '${command.benefitId}' forecast (${years.join(', ')})`,
      'financialYear',
    );
  }
  if (command.quantity.unit !== benefit.unit) {
    throw ruleViolated(
      'actual-unit-mismatch',
      `quantity.unit '${command.quantity.unit}' is not the benefit's unit '${benefit.unit}'`,
      'quantity.unit',
    );
  }
  if (benefit.actualYears.includes(command.financialYear)) {
    throw conflict(
      'actual-exists',
      `an actual for ${command.financialYear} is already recorded for benefit '${command.benefitId}'`,
      'financialYear',
    );
  }
  const { type: _type, ...data } = command;
  return [
    {
      type: 'BenefitActualRecorded',
      data: { ...data, quantity: { value: command.quantity.value, unit: command.quantity.unit } },
    },
  ];
}

/** One year of a benefit, planned against actual. `actualPence` null: nothing recorded for the year. */
export interface PlanAgainstActualYear {
  financialYear: FinancialYear;
  forecastPence: Pence;
  actualPence: Pence | null;
  /** actual − forecast (nothing recorded counts as 0 arrived); negative when short. */
  variancePence: Pence;
  /** Why the year is flagged, or null: actual below the threshold share of forecast, or nothing recorded. */
  flag: 'below-threshold' | 'not-recorded' | null;
}

export interface PlanAgainstActual {
  years: PlanAgainstActualYear[];
  forecastPence: Pence;
  actualPence: Pence;
  variancePence: Pence;
  flagged: boolean;
}

/**
 * A benefit's years with their variance and flags. A year is judged once it is due (up to and including
 * `throughYear`; null: none is due yet): a due year with no actual is flagged `not-recorded`, one whose actual is
 * below `thresholdBasisPoints` of its forecast (8000 = 80%) `below-threshold`. Integer arithmetic: actual × 10000 <
 * forecast × threshold, so no rounding decides a flag.
 */
export function planAgainstActual(
  forecast: readonly ForecastYear[],
  actuals: readonly { financialYear: FinancialYear; valuePence: Pence }[],
  thresholdBasisPoints: number,
  throughYear: FinancialYear | null,
): PlanAgainstActual {
  const actualOf = new Map(actuals.map((a) => [a.financialYear, a.valuePence]));
  const years = forecast.map(({ financialYear, valuePence }): PlanAgainstActualYear => {
    const actual = actualOf.get(financialYear) ?? null;
    const due = throughYear !== null && financialYear <= throughYear;
    let flag: PlanAgainstActualYear['flag'] = null;
    if (actual === null && due) flag = 'not-recorded';
    else if (actual !== null && BigInt(actual) * 10_000n < BigInt(valuePence) * BigInt(thresholdBasisPoints))
      flag = 'below-threshold';
    return {
      financialYear,
      forecastPence: valuePence,
      actualPence: actual,
      variancePence: (actual ?? 0) - valuePence,
      flag,
    };
  });
  const forecastPence = sumPence(years.map((y) => y.forecastPence));
  const actualPence = sumPence(years.map((y) => y.actualPence ?? 0));
  return {
    years,
    forecastPence,
    actualPence,
    variancePence: actualPence - forecastPence,
    flagged: years.some((y) => y.flag !== null),
  };
}
