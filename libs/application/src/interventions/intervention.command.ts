import { InterventionCommand } from '@benefit-ledger/domain';
import { CommandContext } from '../commands/command-context';

/** Any command on one intervention's stream; one handler serves them all through the decider. */
export class InterventionCommandMessage {
  constructor(readonly interventionId: string, readonly command: InterventionCommand, readonly context: CommandContext) {}
}
