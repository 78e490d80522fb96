import { compareCalendarDates, requireCalendarDate } from '../shared/calendar-date';
import { invalidReference, ruleViolated } from '../shared/domain-error';
import { FinancialYear } from '../shared/financial-year';

/**
 * A benefit's entry in the benefits register, as HM Treasury's Green Book (and MSP) expect one: who owns it, how it
 * is measured, where it starts and should get to, when it arrives, what it depends on and what could stop it.
 * Every field may be null: claims recorded before the register existed have none, and a claim may record only
 * some of them (the answers list the rest as "not recorded").
 */
export const RISK_RATINGS = ['low', 'medium', 'high'] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];

/** A named role (e.g. "Director of Finance") at an organisation: who answers for the benefit arriving. */
export interface BenefitOwner {
  role: string;
  organisationId: string;
}
/** The measurement series the benefit is tracked by, in its unit (matching the measurements recorded, by name). */
export interface RegisterMeasure {
  series: string;
  unit: string;
}
/** A value of the measure on a date: the baseline it starts from, or the target it should reach. */
export interface DatedValue {
  value: number;
  date: string;
}
/** When the benefit arrives: its first financial year and for how many years. */
export interface BenefitTiming {
  firstYear: FinancialYear;
  durationYears: number;
}
/** Another intervention, or one benefit of an intervention (this one or another), the benefit depends on. */
export interface BenefitDependency {
  interventionId: string;
  benefitId: string | null;
}
export interface BenefitRisk {
  description: string;
  rating: RiskRating;
}

export interface BenefitRegister {
  owner: BenefitOwner | null;
  measure: RegisterMeasure | null;
  baseline: DatedValue | null;
  target: DatedValue | null;
  timing: BenefitTiming | null;
  dependencies: BenefitDependency[] | null;
  risks: BenefitRisk[] | null;
}
export type RegisterField = keyof BenefitRegister;
export const REGISTER_FIELDS: readonly RegisterField[] = [
  'owner',
  'measure',
  'baseline',
  'target',
  'timing',
  'dependencies',
  'risks',
];

/** The register of a claim that records none of its fields (every claim before the register existed). */
export const NOTHING_REGISTERED: BenefitRegister = {
  owner: null,
  measure: null,
  baseline: null,
  target: null,
  timing: null,
  dependencies: null,
  risks: null,
};

/** What a claim or revision gives: any of the fields; on a revision, a field left out keeps its value. */
export type RegisterInput = Partial<BenefitRegister>;

/** The fields a register does not record, in the register's order: what the answers call "not recorded". */
export const fieldsNotRecorded = (register: BenefitRegister): RegisterField[] =>
  REGISTER_FIELDS.filter((field) => register[field] === null);

/** The register after a revision: the fields it gives replace the current ones, the others are kept. */
export function reviseRegister(current: BenefitRegister, change: RegisterInput | null | undefined): BenefitRegister {
  const revised = { ...current };
  for (const field of REGISTER_FIELDS) {
    if (change && change[field] !== undefined) (revised as Record<RegisterField, unknown>)[field] = change[field];
  }
  return revised;
}

/** The whole register from a claim's input: fields left out are not recorded. */
export const registerFrom = (input: RegisterInput | null | undefined): BenefitRegister =>
  reviseRegister(NOTHING_REGISTERED, input);

/**
 * The register's domain rules (its shape is checked at the edge): baseline and target dates are calendar dates and the
 * target is not dated before the baseline; a dependency on a benefit of this intervention names a claimed benefit,
 * and a benefit does not depend on itself. Dependencies on other interventions are checked to exist at the edge.
 */
export function checkRegister(
  register: BenefitRegister,
  own: { interventionId: string | null; benefitId: string; claimedBenefitIds: ReadonlySet<string> },
): void {
  const baselineDate = register.baseline ? requireCalendarDate(register.baseline.date, 'register.baseline.date') : null;
  const targetDate = register.target ? requireCalendarDate(register.target.date, 'register.target.date') : null;
  if (baselineDate && targetDate && compareCalendarDates(targetDate, baselineDate) < 0) {
    throw ruleViolated(
      'target-before-baseline',
      `register.target.date ${targetDate} must not be before register.baseline.date ${baselineDate}`,
      'register.target.date',
    );
  }
  (register.dependencies ?? []).forEach((dependency, i) => {
    if (dependency.interventionId !== own.interventionId || dependency.benefitId === null) return;
    const field = `register.dependencies[${i}].benefitId`;
    if (dependency.benefitId === own.benefitId)
      throw ruleViolated('dependency-on-itself', `${field}: a benefit cannot depend on itself`, field);
    if (!own.claimedBenefitIds.has(dependency.benefitId)) {
      throw invalidReference(
        field,
        `${field} names benefit '${dependency.benefitId}', which was not claimed for this intervention`,
      );
    }
  });
}

/** The dependencies on other interventions, with the field naming each: checked to exist (and their benefits claimed) at the edge. */
export function externalDependencies(
  register: RegisterInput | null | undefined,
  interventionId: string,
): { field: string; interventionId: string; benefitId: string | null }[] {
  return (register?.dependencies ?? []).flatMap((dependency, i) =>
    dependency.interventionId === interventionId
      ? []
      : [
          {
            field: `register.dependencies[${i}]`,
            interventionId: dependency.interventionId,
            benefitId: dependency.benefitId,
          },
        ],
  );
}
