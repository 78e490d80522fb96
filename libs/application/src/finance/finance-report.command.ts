import { Actor, FinancialYear, ReportWasteReduction, SignOffReconciliation } from '@benefit-ledger/domain';
import { Command } from '@nestjs/cqrs';
import { CommandContext, WriteResult } from '../commands/command-context';

/** A benefit named with its intervention (benefit ids are unique only within one), and optionally how much of it. */
export interface BenefitReference {
  interventionId: string;
  benefitId: string;
  amountPence?: number;
}

/**
 * Links one line as finance asks: by bare benefit ids (each must name a benefit claimed by exactly one
 * intervention) or by qualified references. The handler reads the benefits' facts before the decider sees it.
 */
export interface LinkReportLineRequest {
  type: 'LinkReportLine';
  lineId: string;
  benefitIds?: string[];
  benefits?: BenefitReference[];
}

export type FinanceReportRequest = ReportWasteReduction | LinkReportLineRequest | SignOffReconciliation;

/** Any write to one organisation's waste-reduction report for one year. */
export class FinanceReportCommandMessage extends Command<WriteResult> {
  constructor(
    readonly organisationId: string,
    readonly financialYear: FinancialYear,
    readonly command: FinanceReportRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The report as it stands (current version, its lines and links); finance of the organisation, auditors, admins. */
export class GetFinanceReportQuery {
  constructor(
    readonly organisationId: string,
    readonly financialYear: FinancialYear,
    readonly actor: Actor,
  ) {}
}

/** Reported against evidenced, line by line, as at an instant (read models); same readers as the report. */
export class GetReconciliationQuery {
  constructor(
    readonly organisationId: string,
    readonly financialYear: FinancialYear,
    readonly actor: Actor,
    readonly asAt: string | null,
  ) {}
}
