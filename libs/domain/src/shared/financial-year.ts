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

/** The financial year an ISO date (YYYY-MM-DD…) falls in. */
export function financialYearOf(isoDate: string): FinancialYear {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const start = month >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The year after, e.g. 2019/20 -> 2020/21. */
export function nextFinancialYear(year: FinancialYear): FinancialYear {
  const start = Number(year.slice(0, 4)) + 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * The instant a financial year ends: 1 April 00:00 in the UK after its 31 March. April is always in British
 * Summer Time (it starts on the last Sunday of March), so that is 31 March 23:00 UTC.
 */
export function financialYearEndsAt(year: FinancialYear): Date {
  return new Date(Date.UTC(Number(year.slice(0, 4)) + 1, 2, 31, 23, 0, 0));
}

/** `2019/20` as it appears in a path or a stream id: `2019-20`. */
export const financialYearSlug = (year: FinancialYear) => year.replace('/', '-');
