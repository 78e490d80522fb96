import { RegisterOrganisation } from '@benefit-ledger/domain';
import { CommandContext } from '../commands/command-context';

export class RegisterOrganisationCommand {
  constructor(readonly command: RegisterOrganisation, readonly context: CommandContext) {}
}
