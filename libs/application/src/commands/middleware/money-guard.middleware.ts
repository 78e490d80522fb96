import { AppendMiddleware } from '../command-pipeline';
import { LedgerMoneyGuard } from '../ledger-money-guard';

/** Every append, of a command or of a plan, is admitted by the ledger money guard (422 ledger-money-ceiling). */
export function moneyGuard(guard: LedgerMoneyGuard): AppendMiddleware {
  return {
    name: 'ledger money guard',
    append: (step, next) => guard.admit(step.events, () => next(step), step.headSeen),
  };
}
