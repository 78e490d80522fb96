import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  interventionDecider, interventionPeriodEffects, interventionStreamId, organisationReferences, refuseInterventionCommand,
} from '@benefit-ledger/domain';
import { WriteResult } from '../commands/command-context';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { PeriodLock } from '../periods/period-lock';
import { InterventionCommandMessage } from './intervention.command';

@CommandHandler(InterventionCommandMessage)
export class InterventionCommandHandler implements ICommandHandler<InterventionCommandMessage, WriteResult> {
  constructor(private readonly periodLock: PeriodLock, private readonly organisations: OrganisationDirectory) {}

  execute({ interventionId, command, context }: InterventionCommandMessage): Promise<WriteResult> {
    return this.periodLock.run({
      decider: interventionDecider,
      streamId: interventionStreamId(interventionId),
      command,
      context,
      // An unknown intervention is a 404 from the decider, not a 403.
      refuse: (state) =>
        !state.registered && command.type !== 'RegisterIntervention' ? null : refuseInterventionCommand(context.actor, command, state, !!context.restatement),
      checkReferences: async () => {
        for (const { field, organisationId } of organisationReferences(command)) {
          await this.organisations.requireRegistered(field, organisationId);
        }
      },
    }, (state) => interventionPeriodEffects(command, state));
  }
}
