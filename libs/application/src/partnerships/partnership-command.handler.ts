import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  partnershipDecider, partnershipInterventionReference, partnershipOrganisationReferences, partnershipStreamId, refusePartnershipCommand,
} from '@benefit-ledger/domain';
import { WriteResult } from '../commands/command-context';
import { StreamCommandRunner } from '../commands/stream-command-runner';
import { InterventionReader } from '../interventions/intervention-reader';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { PartnershipCommandMessage } from './partnership.command';

@CommandHandler(PartnershipCommandMessage)
export class PartnershipCommandHandler implements ICommandHandler<PartnershipCommandMessage, WriteResult> {
  constructor(
    private readonly runner: StreamCommandRunner,
    private readonly organisations: OrganisationDirectory,
    private readonly interventions: InterventionReader,
  ) {}

  execute({ partnershipId, command, context }: PartnershipCommandMessage): Promise<WriteResult> {
    return this.runner.run({
      decider: partnershipDecider,
      streamId: partnershipStreamId(partnershipId),
      command,
      context,
      // A partnership that was never formed is a 404 from the decider, not a 403.
      refuse: (state) =>
        !state.formed && command.type !== 'FormPartnership' ? null : refusePartnershipCommand(context.actor, command, state),
      checkReferences: async () => {
        for (const { field, organisationId } of partnershipOrganisationReferences(command)) {
          await this.organisations.requireRegistered(field, organisationId);
        }
        const intervention = partnershipInterventionReference(command);
        if (intervention) await this.interventions.requireRegistered(intervention.field, intervention.interventionId);
      },
    });
  }
}
