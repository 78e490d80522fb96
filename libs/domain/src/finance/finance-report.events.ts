import { DomainEvent } from '../shared/decider';
import { DataSource } from '../shared/data-source';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { RestatementRecorded } from '../period/period.events';

/**
 * The events of one organisation's waste-reduction report for one financial year (docs/design.md#the-events). A corrected
 * report is a new `version`; links and sign-off belong to the version they were made against.
 */
export interface ReportLine {
  lineId: string;
  description: string;
  amountPence: Pence;
  cashReleasing: boolean;
  recurrent: boolean;
}
/** A part of one validated benefit that evidences a line. Benefit ids are unique within their intervention. */
export interface LinkedBenefit {
  interventionId: string;
  benefitId: string;
  amountPence: Pence;
}

export type WasteReductionReported = DomainEvent<
  'WasteReductionReported',
  {
    organisationId: string;
    financialYear: FinancialYear;
    version: number;
    totalPence: Pence;
    lines: ReportLine[];
    source: DataSource;
  }
>;
/** The benefits evidencing one line of the current version; replaces the line's earlier links (none: unlinked). */
export type ReportLineLinked = DomainEvent<
  'ReportLineLinked',
  { version: number; lineId: string; benefits: LinkedBenefit[] }
>;
/** Finance signs the version's reconciliation off, with the figures it signed. */
export type ReconciliationSignedOff = DomainEvent<
  'ReconciliationSignedOff',
  {
    version: number;
    reportedPence: Pence;
    evidencedPence: Pence;
    note: string;
  }
>;

export type FinanceReportEvent =
  WasteReductionReported | ReportLineLinked | ReconciliationSignedOff | RestatementRecorded;
