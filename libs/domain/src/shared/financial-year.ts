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
