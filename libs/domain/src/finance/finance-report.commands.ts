import { BenefitStatus, BenefitType, Recurrence } from '../intervention/intervention-vocabulary';
import { DataSource } from '../shared/data-source';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { ReportLine } from './finance-report.events';

/** Records a report, or a corrected version of it. The stream is the organisation's for that year. */
export interface ReportWasteReduction {
  type: 'ReportWasteReduction';
  organisationId: string;
  financialYear: FinancialYear;
  totalPence: Pence;
  lines: ReportLine[];
  source: DataSource;
}

/** What the edge read about a benefit from its intervention's stream (null: never claimed there). */
export interface LinkableBenefit {
  interventionId: string;
  benefitId: string;
  benefitType: BenefitType;
  recurrence: Recurrence;
  financialYear: FinancialYear;
  landingOrganisationId: string;
  status: BenefitStatus;
  validatedValuePence: Pence | null;
}

export interface BenefitLinkRequest {
  interventionId: string;
  benefitId: string;
  /** How much of the benefit's validated value evidences the line; null: as much as is free and the line still needs. */
  amountPence: Pence | null;
  /** The input field that named the benefit (e.g. `benefitIds[1]`), for errors. */
  field: string;
  benefit: LinkableBenefit | null;
}

/** Sets the benefits that evidence one line of the current version (an empty list unlinks it). */
export interface LinkReportLine {
  type: 'LinkReportLine';
  lineId: string;
  benefits: BenefitLinkRequest[];
}

export interface SignOffReconciliation {
  type: 'SignOffReconciliation';
  note: string;
}

export type FinanceReportCommand = ReportWasteReduction | LinkReportLine | SignOffReconciliation;
