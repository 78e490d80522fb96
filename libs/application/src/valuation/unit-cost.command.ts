import { PublishUnitCost } from '@benefit-ledger/domain';
import { CommandContext } from '../commands/command-context';

export class PublishUnitCostCommand {
  constructor(readonly command: PublishUnitCost, readonly context: CommandContext) {}
}

/** A unit cost with every edition; with a financial year, also the edition in force for it. */
export class GetUnitCostQuery {
  constructor(readonly unitCostId: string, readonly financialYear: string | null = null) {}
}
