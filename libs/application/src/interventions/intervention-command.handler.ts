import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  InterventionCommand,
  InterventionEvent,
  InterventionState,
  interventionDecider,
  interventionPeriodEffects,
  interventionStreamId,
  organisationReferences,
  refuseInterventionCommand,
  registerOwnerReferences,
} from '@benefit-ledger/domain';
import { WriteResult } from '../commands/command-context';
import { StreamCommand } from '../commands/stream-command-runner';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { EnrolmentDirectory } from '../partnerships/enrolment-directory';
import { PeriodLock } from '../periods/period-lock';
import { UnitCostCatalogue } from '../valuation/unit-cost-catalogue';
import { InterventionCommandMessage } from './intervention-bus-command';
import { RegisterDependencyCheck } from '../benefits-register/register-dependency-check';

@CommandHandler(InterventionCommandMessage)
export class InterventionCommandHandler implements ICommandHandler<InterventionCommandMessage, WriteResult> {
  constructor(
    private readonly periodLock: PeriodLock,
    private readonly organisations: OrganisationDirectory,
    private readonly catalogue: UnitCostCatalogue,
    private readonly enrolments: EnrolmentDirectory,
    private readonly registerDependencies: RegisterDependencyCheck,
  ) {}

  execute(message: InterventionCommandMessage): Promise<WriteResult> {
    return this.periodLock.runLocked(this.streamCommand(message));
  }

  /** The write as the runner takes it, under the period lock; the CLI import plans these too, so a file goes through the same checks. */
  streamCommand({
    interventionId,
    command,
    context,
  }: InterventionCommandMessage): StreamCommand<InterventionCommand, InterventionEvent, InterventionState> {
    return this.periodLock.locked(
      {
        decider: interventionDecider,
        streamId: interventionStreamId(interventionId),
        command,
        context,
        // An unknown intervention is a 404 from the decider, not a 403.
        refuse: (state) =>
          !state.registered && command.type !== 'RegisterIntervention'
            ? null
            : refuseInterventionCommand(context.actor, command, state, !!context.restatement),
        checkReferences: async () => {
          for (const { field, organisationId } of [
            ...organisationReferences(command),
            ...registerOwnerReferences(command),
          ]) {
            await this.organisations.requireRegistered(field, organisationId);
          }
          await this.registerDependencies.requireExisting(interventionId, command);
        },
        // A benefit valued from the catalogue gets its catalogue entry; the decider picks the edition in force.
        resolve: async () => {
          if ((command.type === 'ClaimBenefit' || command.type === 'ReviseBenefit') && command.valuation.unitCostId) {
            return { ...command, unitCost: await this.catalogue.find(command.valuation.unitCostId) };
          }
          return command;
        },
      },
      async (state) =>
        interventionPeriodEffects(
          command,
          state,
          command.type === 'ValidateBenefit' ? await this.enrolments.attributionPartiesOf(interventionId) : [],
        ),
    );
  }
}
