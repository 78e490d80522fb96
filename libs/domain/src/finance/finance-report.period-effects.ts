import { PeriodEffect } from '../period/period-lock';
import { FinancialYear } from '../shared/financial-year';
import { FinanceReportCommand } from './finance-report.commands';

const WHAT: Record<FinanceReportCommand['type'], string> = {
  ReportWasteReduction: 'a new version',
  LinkReportLine: 'a line link',
  SignOffReconciliation: 'a sign-off',
};

/**
 * A waste-reduction report is its organisation's reported figures for its year: every change to it (a version,
 * a link, a sign-off) changes that year's figures for that organisation, so a close of the year locks it.
 */
export function financeReportPeriodEffects(
  type: FinanceReportCommand['type'],
  organisationId: string,
  financialYear: FinancialYear,
): PeriodEffect[] {
  return [
    {
      financialYear,
      andLaterYears: false,
      organisationIds: [organisationId],
      what: `${WHAT[type]} of ${organisationId}'s ${financialYear} waste-reduction report`,
    },
  ];
}
