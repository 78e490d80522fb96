import { PartnershipCommand } from '@benefit-ledger/domain';
import { Command } from '@nestjs/cqrs';
import { CommandContext, WriteResult } from '../commands/command-context';

/** Any command on one partnership's stream; one handler serves them all through the decider. */
export class PartnershipCommandMessage extends Command<WriteResult> {
  constructor(
    readonly partnershipId: string,
    readonly command: PartnershipCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
