import { InterventionCommand } from '@benefit-ledger/domain';
import { Command } from '@nestjs/cqrs';
import { CommandContext, WriteResult } from '../commands/command-context';

/** Any command on one intervention's stream; one handler serves them all through the decider. */
export class InterventionCommandMessage extends Command<WriteResult> {
  constructor(
    readonly interventionId: string,
    readonly command: InterventionCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
