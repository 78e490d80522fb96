import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  InterventionState,
  PartnershipCommand,
  PartnershipEvent,
  PartnershipState,
  partnershipDecider,
  partnershipInterventionReference,
  partnershipOrganisationReferences,
  partnershipPeriodEffects,
  partnershipStreamId,
  refusePartnershipCommand,
} from '@benefit-ledger/domain';
import { WriteResult } from '../commands/command-context';
import { StreamCommand } from '../commands/stream-command-runner';
import { PeriodLock } from '../periods/period-lock';
import { InterventionReader } from '../interventions/intervention-reader';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { PartnershipCommandMessage } from './partnership.command';

@CommandHandler(PartnershipCommandMessage)
export class PartnershipCommandHandler implements ICommandHandler<PartnershipCommandMessage, WriteResult> {
  constructor(
    private readonly periodLock: PeriodLock,
    private readonly organisations: OrganisationDirectory,
    private readonly interventions: InterventionReader,
  ) {}

  execute(message: PartnershipCommandMessage): Promise<WriteResult> {
    return this.periodLock.runLocked(this.streamCommand(message));
  }

  /** The write as the runner takes it, under the period lock. */
  streamCommand({
    partnershipId,
    command,
    context,
  }: PartnershipCommandMessage): StreamCommand<PartnershipCommand, PartnershipEvent, PartnershipState> {
    // The intervention an enrolment names, as checkReferences read it: its benefits' years are re-attributed.
    let enrolled: InterventionState | null = null;
    return this.periodLock.locked(
      {
        decider: partnershipDecider,
        streamId: partnershipStreamId(partnershipId),
        command,
        context,
        // A partnership that was never formed is a 404 from the decider, not a 403.
        refuse: (state) =>
          !state.formed && command.type !== 'FormPartnership'
            ? null
            : refusePartnershipCommand(context.actor, command, state),
        checkReferences: async () => {
          for (const { field, organisationId } of partnershipOrganisationReferences(command)) {
            await this.organisations.requireRegistered(field, organisationId);
          }
          const intervention = partnershipInterventionReference(command);
          if (intervention)
            enrolled = await this.interventions.requireRegistered(intervention.field, intervention.interventionId);
        },
      },
      (state) =>
        partnershipPeriodEffects(
          command,
          state,
          enrolled ? [...enrolled.benefits.values()].map((b) => b.financialYear) : [],
        ),
    );
  }
}
