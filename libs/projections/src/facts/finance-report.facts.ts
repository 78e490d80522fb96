import { FinanceReportEvent, financeReportOfStream } from '@benefit-ledger/domain';
import { FactDecisions } from './fact';
import { restatementFacts } from './restatement.facts';

export const FINANCE_REPORT_FACTS: FactDecisions<FinanceReportEvent> = {
  WasteReductionReported: (event, entityId, add, at) => {
    const { organisationId: organisation_id, financialYear: financial_year } = financeReportOfStream(entityId);
    const { version, totalPence, source, lines } = event.data;
    add('finance_reports', {
      organisation_id,
      financial_year,
      version,
      total_pence: totalPence,
      source_json: JSON.stringify(source),
      ...at,
    });
    lines.forEach((line, ordinal) =>
      add('finance_report_lines', {
        organisation_id,
        financial_year,
        version,
        ordinal,
        line_id: line.lineId,
        description: line.description,
        amount_pence: line.amountPence,
        cash_releasing: line.cashReleasing ? 1 : 0,
        recurrent: line.recurrent ? 1 : 0,
        ...at,
      }),
    );
  },
  ReportLineLinked: (event, entityId, add, at) => {
    const { organisationId: organisation_id, financialYear: financial_year } = financeReportOfStream(entityId);
    const { version, lineId, benefits } = event.data;
    add('finance_report_links', { organisation_id, financial_year, version, line_id: lineId, ...at });
    benefits.forEach((benefit, ordinal) =>
      add('finance_report_link_benefits', {
        ordinal,
        intervention_id: benefit.interventionId,
        benefit_id: benefit.benefitId,
        amount_pence: benefit.amountPence,
        ...at,
      }),
    );
  },
  ReconciliationSignedOff: (event, entityId, add, at) => {
    const { organisationId: organisation_id, financialYear: financial_year } = financeReportOfStream(entityId);
    const { version, reportedPence, evidencedPence, note } = event.data;
    add('finance_signoffs', {
      organisation_id,
      financial_year,
      version,
      reported_pence: reportedPence,
      evidenced_pence: evidencedPence,
      note,
      ...at,
    });
  },
  RestatementRecorded: restatementFacts,
};
