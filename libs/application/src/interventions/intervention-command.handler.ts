import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  interventionDecider, interventionStreamId, organisationReferences, refuseInterventionCommand,
} from '@benefit-ledger/domain';
import { WriteResult } from '../commands/command-context';
import { StreamCommandRunner } from '../commands/stream-command-runner';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { InterventionCommandMessage } from './intervention.command';

@CommandHandler(InterventionCommandMessage)
export class InterventionCommandHandler implements ICommandHandler<InterventionCommandMessage, WriteResult> {
  constructor(private readonly runner: StreamCommandRunner, private readonly organisations: OrganisationDirectory) {}

  execute({ interventionId, command, context }: InterventionCommandMessage): Promise<WriteResult> {
    return this.runner.run({
      decider: interventionDecider,
      streamId: interventionStreamId(interventionId),
      command,
      context,
      // An unknown intervention is a 404 from the decider, not a 403.
      refuse: (state) =>
        !state.registered && command.type !== 'RegisterIntervention' ? null : refuseInterventionCommand(context.actor, command, state),
      checkReferences: async () => {
        for (const { field, organisationId } of organisationReferences(command)) {
          await this.organisations.requireRegistered(field, organisationId);
        }
      },
    });
  }
}
