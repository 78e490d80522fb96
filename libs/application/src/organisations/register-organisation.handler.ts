import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  invalidReference,
  organisationDecider,
  organisationStreamId,
  refuseOrganisationCommand,
} from '@benefit-ledger/domain';
import { WriteResult } from '../commands/command-context';
import { StreamCommandRunner } from '../commands/stream-command-runner';
import { OrganisationDirectory } from './organisation-directory';
import { RegisterOrganisationCommand } from './register-organisation.command';

@CommandHandler(RegisterOrganisationCommand)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisationCommand, WriteResult> {
  constructor(
    private readonly runner: StreamCommandRunner,
    private readonly organisations: OrganisationDirectory,
  ) {}

  execute({ command, context }: RegisterOrganisationCommand): Promise<WriteResult> {
    return this.runner.run({
      decider: organisationDecider,
      streamId: organisationStreamId(command.organisationId),
      command,
      context,
      refuse: () => refuseOrganisationCommand(context.actor, command),
      checkReferences: async () => {
        if (command.system === null || command.system === command.organisationId) return;
        const system = await this.organisations.requireRegistered('system', command.system);
        if (system.type !== 'icb')
          throw invalidReference(
            'system',
            `system must name an integrated care board; '${command.system}' is ${system.type}`,
          );
      },
    });
  }
}
