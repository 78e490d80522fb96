/** A financial year runs 1 April – 31 March and is written `2019/20`. */
export type FinancialYear = string;

export const FINANCIAL_YEAR_PATTERN = /^(\d{4})\/(\d{2})$/;

/**
 * The years the ledger accepts: from 1948/49, the year the NHS was founded (5 July 1948), to 2099/00, the last
 * whose start year begins with 20. Nothing the ledger records can predate the NHS, and a bound well inside four
 * digits keeps every year, slug and date it implies in one fixed-width form that sorts as text. 2099/00 is written
 * with `00` for 2100, as `(start + 1) % 100` gives; its slug is `2099-00`.
 */
export const FIRST_FINANCIAL_YEAR: FinancialYear = '1948/49';
export const LAST_FINANCIAL_YEAR: FinancialYear = '2099/00';
const FIRST_START_YEAR = 1948;
const LAST_START_YEAR = 2099;

/** The notation alone: `YYYY/YY` naming two consecutive years, whatever the century. */
export function isFinancialYearNotation(value: unknown): value is FinancialYear {
  if (typeof value !== 'string') return false;
  const m = FINANCIAL_YEAR_PATTERN.exec(value);
  if (!m) return false;
  return (Number(m[1]) + 1) % 100 === Number(m[2]);
}

/**
 * A financial year the ledger accepts: the notation, from FIRST_FINANCIAL_YEAR to LAST_FINANCIAL_YEAR. A plain
 * boolean, not a type guard: FinancialYear is `string`, so a guard would make a refused string `never`.
 */
export function isFinancialYear(value: unknown): boolean {
  if (!isFinancialYearNotation(value)) return false;
  const start = Number(value.slice(0, 4));
  return start >= FIRST_START_YEAR && start <= LAST_START_YEAR;
}

/** What a refusal says a financial year must be. */
export const FINANCIAL_YEAR_RULE = `a financial year like 2019/20 (two consecutive years, ${FIRST_FINANCIAL_YEAR} to ${LAST_FINANCIAL_YEAR})`;

/** The financial year starting in April of `startYear`, e.g. 2019 -> `2019/20`. */
const financialYearStartingIn = (startYear: number): FinancialYear =>
  `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;

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

/** `2019-20` (or `2019/20`) -> `2019/20` when `accepts` it, else null. */
function fromSlug(value: string, accepts: (candidate: string) => boolean): FinancialYear | null {
  const candidate = /^\d{4}-\d{2}$/.test(value) ? `${value.slice(0, 4)}/${value.slice(5)}` : value;
  return accepts(candidate) ? candidate : null;
}

/**
 * A financial year as written in a URL path segment: `2019-20` (or `2019/20` once URL-decoded).
 * Returns the year in its usual form `2019/20`, or null when it is not a financial year the ledger accepts.
 */
export const financialYearFromSlug = (value: string): FinancialYear | null => fromSlug(value, isFinancialYear);

/**
 * A financial year read back from a stream id already in the log: the notation only. Years outside today's range
 * were accepted before the range existed, and an old ledger must still replay.
 */
export const recordedFinancialYearFromSlug = (value: string): FinancialYear | null =>
  fromSlug(value, isFinancialYearNotation);

/** `2019/20` -> `2019-20`, for stream ids and paths. */
export const financialYearSlug = (financialYear: FinancialYear): string => financialYear.replace('/', '-');
