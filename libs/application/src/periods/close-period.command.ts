import { FinancialYear } from '@benefit-ledger/domain';
import { CommandContext } from '../commands/command-context';

/** Close a financial year for the actor's scope: the whole system (admin) or its organisation (finance). */
export class ClosePeriodCommand {
  constructor(
    readonly financialYear: FinancialYear,
    readonly note: string | null,
    readonly context: CommandContext,
  ) {}
}
