import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  BenefitLinkRequest,
  FinanceReportCommand,
  FinanceReportEvent,
  FinanceReportState,
  financeReportDecider,
  financeReportPeriodEffects,
  financeReportStreamId,
  invalidReference,
  refuseFinanceReportCommand,
} from '@benefit-ledger/domain';
import { WriteResult } from '../commands/command-context';
import { StreamCommand } from '../commands/stream-command-runner';
import { PeriodLock } from '../periods/period-lock';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { BenefitDirectory } from './benefit-directory';
import { FinanceReportCommandMessage, LinkReportLineRequest } from './finance-report.command';

@CommandHandler(FinanceReportCommandMessage)
export class FinanceReportCommandHandler implements ICommandHandler<FinanceReportCommandMessage, WriteResult> {
  constructor(
    private readonly periodLock: PeriodLock,
    private readonly organisations: OrganisationDirectory,
    private readonly benefits: BenefitDirectory,
  ) {}

  execute(message: FinanceReportCommandMessage): Promise<WriteResult> {
    return this.periodLock.runLocked(this.streamCommand(message));
  }

  /** The write as the runner takes it, under the period lock; the CLI import plans report commands through this too. */
  streamCommand({
    organisationId,
    financialYear,
    command,
    context,
  }: FinanceReportCommandMessage): StreamCommand<FinanceReportCommand, FinanceReportEvent, FinanceReportState> {
    return this.periodLock.locked(
      {
        decider: financeReportDecider,
        streamId: financeReportStreamId(organisationId, financialYear),
        // a link request is completed with the benefits' facts by `resolve`
        command:
          command.type === 'LinkReportLine'
            ? { type: 'LinkReportLine', lineId: command.lineId, benefits: [] }
            : command,
        context,
        refuse: () => refuseFinanceReportCommand(context.actor, organisationId),
        checkReferences: async () => {
          if (command.type === 'ReportWasteReduction')
            await this.organisations.requireRegistered('organisationId', organisationId);
        },
        resolve: async (state) => {
          if (command.type !== 'LinkReportLine') return command;
          // before any report the decider answers 404; nothing need be looked up
          return {
            type: 'LinkReportLine',
            lineId: command.lineId,
            benefits: state.version === 0 ? [] : await this.resolveLinks(command),
          };
        },
      },
      () => financeReportPeriodEffects(command.type, organisationId, financialYear),
    );
  }

  private async resolveLinks(request: LinkReportLineRequest): Promise<BenefitLinkRequest[]> {
    const resolved: BenefitLinkRequest[] = [];
    const linkable = this.benefits.linkables();
    const claimingOf = await this.benefits.interventionsClaiming(request.benefitIds ?? []);
    for (const [i, benefitId] of (request.benefitIds ?? []).entries()) {
      const field = `benefitIds[${i}]`;
      const claiming = claimingOf.get(benefitId) ?? [];
      if (claiming.length === 0)
        throw invalidReference(field, `${field} names benefit '${benefitId}', which no intervention has claimed`);
      if (claiming.length > 1) {
        throw invalidReference(
          field,
          `${field} '${benefitId}' is ambiguous: ${claiming.length} interventions claimed a benefit with that id (${claiming.join(', ')}); name it with its intervention in benefits[{interventionId, benefitId}]`,
        );
      }
      resolved.push({
        interventionId: claiming[0],
        benefitId,
        amountPence: null,
        field,
        benefit: await linkable(claiming[0], benefitId),
      });
    }
    for (const [i, ref] of (request.benefits ?? []).entries()) {
      resolved.push({
        interventionId: ref.interventionId,
        benefitId: ref.benefitId,
        amountPence: ref.amountPence ?? null,
        field: `benefits[${i}]`,
        benefit: await linkable(ref.interventionId, ref.benefitId),
      });
    }
    return resolved;
  }
}
