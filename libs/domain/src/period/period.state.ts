import { streamIdOf } from '../shared/stream-names';
import { FinancialYear, financialYearSlug } from '../shared/financial-year';
import { PeriodClosed, PeriodEvent, PeriodScope } from './period.events';

export interface PeriodState {
  financialYear: FinancialYear | null;
  /** The scopes closed, in the order they were closed. */
  closedScopes: PeriodScope[];
}

export const initialPeriodState: PeriodState = { financialYear: null, closedScopes: [] };

export const periodStreamId = (financialYear: FinancialYear) => streamIdOf('period', financialYearSlug(financialYear));

export const isSystemScope = (scope: PeriodScope): scope is 'system' => scope === 'system';

/** Whether a close of `scope` covers the figures of any of these organisations. */
export const scopeCovers = (scope: PeriodScope, organisationIds: readonly string[]) =>
  isSystemScope(scope) || organisationIds.includes(scope.organisationId);

export const describeScope = (scope: PeriodScope) =>
  isSystemScope(scope) ? 'the whole system' : `organisation '${scope.organisationId}'`;

export function evolvePeriod(state: PeriodState, event: PeriodEvent): PeriodState {
  // the only event so far: `satisfies` stops this compiling when another is added, until it is folded here
  const { financialYear, scope } = (event satisfies PeriodClosed).data;
  return { financialYear, closedScopes: [...state.closedScopes, scope] };
}
