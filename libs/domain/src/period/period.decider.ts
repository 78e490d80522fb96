import { Decider } from '../shared/decider';
import { conflict, ruleViolated } from '../shared/domain-error';
import { financialYearEndsAt, isFinancialYear } from '../shared/financial-year';
import { ClosePeriod, PeriodCommand } from './period.commands';
import { PeriodEvent } from './period.events';
import { PeriodState, describeScope, evolvePeriod, initialPeriodState, isSystemScope } from './period.state';

/**
 * The rules of a close, without the seal: the year has ended, and neither this scope nor the whole system is
 * closed already. The edge checks them before it spends a read of the whole log on the seal.
 */
export function requireClosable(command: Omit<ClosePeriod, 'seal'>, state: PeriodState): void {
  const { financialYear, scope, now } = command;
  if (!isFinancialYear(financialYear)) {
    throw ruleViolated(
      'invalid-financial-year',
      `financialYear must be a financial year like 2019/20, got '${financialYear}'`,
      'financialYear',
    );
  }
  const endsAt = financialYearEndsAt(financialYear);
  if (now < endsAt) {
    throw ruleViolated(
      'period-not-ended',
      `${financialYear} has not ended: it can be closed from ${endsAt.toISOString()} (1 April, UK time), not at ${now.toISOString()}`,
    );
  }
  const already = state.closedScopes.find(
    (closed) => isSystemScope(closed) || (!isSystemScope(scope) && closed.organisationId === scope.organisationId),
  );
  if (already) {
    throw conflict(
      'period-already-closed',
      isSystemScope(already) && !isSystemScope(scope)
        ? `${financialYear} is already closed for the whole system, which covers ${describeScope(scope)}`
        : `${financialYear} is already closed for ${describeScope(already)}: a closed year changes only by restatement`,
    );
  }
}

function decide(command: PeriodCommand, state: PeriodState): PeriodEvent[] {
  // the only command so far: `satisfies` stops this compiling when another is added, until it is decided here
  const close = command satisfies ClosePeriod;
  requireClosable(close, state);
  const { financialYear, scope, note, now, seal } = close;
  return [{ type: 'PeriodClosed', data: { financialYear, scope, note, closedAt: now.toISOString(), seal } }];
}

export const periodDecider: Decider<PeriodCommand, PeriodEvent, PeriodState> = {
  initialState: initialPeriodState,
  decide,
  evolve: evolvePeriod,
};
