import { FinancialYear } from '../shared/financial-year';
import { PeriodScope, PeriodSeal } from './period.events';

/** Close a financial year for a scope. `now` and the seal (computed from the log at the edge) come in with it. */
export interface ClosePeriod {
  type: 'ClosePeriod';
  financialYear: FinancialYear;
  scope: PeriodScope;
  /** Why or on what authority, e.g. "accounts signed off by the audit committee". */
  note: string | null;
  now: Date;
  seal: PeriodSeal;
}

export type PeriodCommand = ClosePeriod;
