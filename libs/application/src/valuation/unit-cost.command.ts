import { PublishUnitCost } from '@benefit-ledger/domain';
import { Command } from '@nestjs/cqrs';
import { CommandContext, WriteResult } from '../commands/command-context';

export class PublishUnitCostCommand extends Command<WriteResult> {
  constructor(
    readonly command: PublishUnitCost,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A unit cost with every edition; with a financial year, also the edition in force for it. */
export class GetUnitCostQuery {
  constructor(
    readonly unitCostId: string,
    readonly financialYear: string | null = null,
  ) {}
}
