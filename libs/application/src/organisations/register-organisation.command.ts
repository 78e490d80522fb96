import { RegisterOrganisation } from '@benefit-ledger/domain';
import { Command } from '@nestjs/cqrs';
import { CommandContext, WriteResult } from '../commands/command-context';

export class RegisterOrganisationCommand extends Command<WriteResult> {
  constructor(
    readonly command: RegisterOrganisation,
    readonly context: CommandContext,
  ) {
    super();
  }
}
