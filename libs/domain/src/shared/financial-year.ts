/** A financial year runs 1 April – 31 March and is written `2019/20`. */
export type FinancialYear = string;

export const FINANCIAL_YEAR_PATTERN = /^(\d{4})\/(\d{2})$/;

export function isFinancialYear(value: unknown): value is FinancialYear {
  if (typeof value !== 'string') return false;
  const m = FINANCIAL_YEAR_PATTERN.exec(value);
  if (!m) return false;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]);
}

/** The financial year starting in April of `startYear`, e.g. 2019 -> `2019/20`. */
const financialYearStartingIn = (startYear: number): FinancialYear => `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;

/** The financial year an ISO date (YYYY-MM-DD…) falls in. */
export function financialYearOf(isoDate: string): FinancialYear {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return financialYearStartingIn(month >= 4 ? year : year - 1);
}

/** The first day of a financial year, e.g. `2019/20` -> `2019-04-01`. */
export function financialYearStart(financialYear: FinancialYear): string {
  return `${financialYear.slice(0, 4)}-04-01`;
}

/** The financial year `offset` years after this one, e.g. (`2019/20`, 1) -> `2020/21`. */
export function financialYearAfter(financialYear: FinancialYear, offset = 1): FinancialYear {
  return financialYearStartingIn(Number(financialYear.slice(0, 4)) + offset);
}

/**
 * The instant a financial year ends: 1 April 00:00 in the UK after its 31 March. April is always in British
 * Summer Time (it starts on the last Sunday of March), so that is 31 March 23:00 UTC.
 */
export function financialYearEndsAt(year: FinancialYear): Date {
  return new Date(Date.UTC(Number(year.slice(0, 4)) + 1, 2, 31, 23, 0, 0));
}

/**
 * A financial year as written in a URL path segment: `2019-20` (or `2019/20` once URL-decoded).
 * Returns the year in its usual form `2019/20`, or null when it is not a financial year.
 */
export function financialYearFromSlug(value: string): FinancialYear | null {
  const candidate = /^\d{4}-\d{2}$/.test(value) ? `${value.slice(0, 4)}/${value.slice(5)}` : value;
  return isFinancialYear(candidate) ? candidate : null;
}

/** `2019/20` -> `2019-20`, for stream ids and paths. */
export const financialYearSlug = (financialYear: FinancialYear): string => financialYear.replace('/', '-');
