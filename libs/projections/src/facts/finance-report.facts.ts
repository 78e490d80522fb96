import { FinanceReportEvent, financeReportOfStream } from '@benefit-ledger/domain';
import { StreamFacts } from './fact';

export const financeReportFacts: StreamFacts = (event, entityId, add, at) => {
  const e = event as unknown as FinanceReportEvent;
  const { organisationId: organisation_id, financialYear: financial_year } = financeReportOfStream(entityId);
  switch (e.type) {
    case 'WasteReductionReported':
      add('finance_reports', {
        organisation_id,
        financial_year,
        version: e.data.version,
        total_pence: e.data.totalPence,
        source_json: JSON.stringify(e.data.source),
        ...at,
      });
      e.data.lines.forEach((l, ordinal) =>
        add('finance_report_lines', {
          organisation_id,
          financial_year,
          version: e.data.version,
          ordinal,
          line_id: l.lineId,
          description: l.description,
          amount_pence: l.amountPence,
          cash_releasing: l.cashReleasing ? 1 : 0,
          recurrent: l.recurrent ? 1 : 0,
          ...at,
        }),
      );
      break;
    case 'ReportLineLinked':
      add('finance_report_links', {
        organisation_id,
        financial_year,
        version: e.data.version,
        line_id: e.data.lineId,
        ...at,
      });
      e.data.benefits.forEach((b, ordinal) =>
        add('finance_report_link_benefits', {
          ordinal,
          intervention_id: b.interventionId,
          benefit_id: b.benefitId,
          amount_pence: b.amountPence,
          ...at,
        }),
      );
      break;
    case 'ReconciliationSignedOff':
      add('finance_signoffs', {
        organisation_id,
        financial_year,
        version: e.data.version,
        reported_pence: e.data.reportedPence,
        evidenced_pence: e.data.evidencedPence,
        note: e.data.note,
        ...at,
      });
      break;
    default:
      break;
  }
};
