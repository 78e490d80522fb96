import { PartnershipCommand } from '@benefit-ledger/domain';
import { CommandContext } from '../commands/command-context';

/** Any command on one partnership's stream; one handler serves them all through the decider. */
export class PartnershipCommandMessage {
  constructor(readonly partnershipId: string, readonly command: PartnershipCommand, readonly context: CommandContext) {}
}
