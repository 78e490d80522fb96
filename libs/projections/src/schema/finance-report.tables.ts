import type { TableSpec } from '../read-model-schema';

/** Finance reports: versions, lines, links to validated benefits, and sign-offs. (read-model-schema.ts: what a spec means.) */
export const FINANCE_REPORT_TABLES = {
  /** Waste-reduction reports, one row per version (finance-report streams). */
  finance_reports: {
    columns: [
      'organisation_id TEXT',
      'financial_year TEXT',
      'version INTEGER',
      'total_pence INTEGER',
      'source_json TEXT',
      'position INTEGER',
      'recorded_at TEXT',
    ],
    primaryKey: ['organisation_id', 'financial_year', 'version'],
  },
  finance_report_lines: {
    columns: [
      'organisation_id TEXT',
      'financial_year TEXT',
      'version INTEGER',
      'ordinal INTEGER',
      'line_id TEXT',
      'description TEXT',
      'amount_pence INTEGER',
      'cash_releasing INTEGER',
      'recurrent INTEGER',
      'position INTEGER',
      'recorded_at TEXT',
    ],
    primaryKey: ['organisation_id', 'financial_year', 'version', 'ordinal'],
  },
  /** One row per ReportLineLinked: the line's links as of then (the latest per line wins). */
  finance_report_links: {
    columns: [
      'position INTEGER',
      'organisation_id TEXT',
      'financial_year TEXT',
      'version INTEGER',
      'line_id TEXT',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['organisation_id', 'financial_year', 'version']],
  },
  finance_report_link_benefits: {
    columns: [
      'position INTEGER',
      'ordinal INTEGER',
      'intervention_id TEXT',
      'benefit_id TEXT',
      'amount_pence INTEGER',
      'recorded_at TEXT',
    ],
    primaryKey: ['position', 'ordinal'],
  },
  finance_signoffs: {
    columns: [
      'position INTEGER',
      'organisation_id TEXT',
      'financial_year TEXT',
      'version INTEGER',
      'reported_pence INTEGER',
      'evidenced_pence INTEGER',
      'note TEXT',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['organisation_id', 'financial_year', 'version']],
  },
} satisfies Record<string, TableSpec>;
