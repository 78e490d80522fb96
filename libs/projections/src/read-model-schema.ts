/**
 * The read models: one table per kind of fact, each row tied to the global position and recordedAt of the
 * event it came from, so every query can answer "as at" an instant by filtering recorded_at, and every
 * figure can be traced to its events. One definition serves CREATE, INSERT and the digest.
 * Column spec: 'name TYPE' (NOT NULL) or 'name TYPE?' (nullable).
 */
export interface TableSpec {
  columns: string[];
  primaryKey: string[];
  indexes?: string[][];
}

export const READ_MODEL_TABLES = {
  /** Every projected event, for provenance: what /trace shows about an event. */
  events_seen: {
    columns: ['position INTEGER', 'event_id TEXT', 'stream_id TEXT', 'revision INTEGER', 'type TEXT', 'hash TEXT',
      'actor_user_id TEXT', 'actor_organisation_id TEXT', 'actor_role TEXT', 'recorded_at TEXT', 'correlation_id TEXT', 'source_json TEXT?'],
    primaryKey: ['position'],
  },
  organisations: {
    columns: ['organisation_id TEXT', 'name TEXT', 'type TEXT', 'system TEXT?', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['organisation_id'],
  },
  interventions: {
    columns: ['intervention_id TEXT', 'title TEXT', 'lead_organisation_id TEXT', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['intervention_id'],
  },
  costs: {
    columns: ['position INTEGER', 'intervention_id TEXT', 'cost_id TEXT', 'cost_type TEXT', 'amount_pence INTEGER', 'financial_year TEXT',
      'bearer_organisation_id TEXT', 'recorded_at TEXT'],
    primaryKey: ['position'],
    indexes: [['intervention_id'], ['bearer_organisation_id', 'intervention_id']],
  },
  /** A benefit's fixed attributes, from its claim. */
  benefits: {
    columns: ['intervention_id TEXT', 'benefit_id TEXT', 'benefit_type TEXT', 'lens TEXT', 'recurrence TEXT', 'financial_year TEXT',
      'landing_organisation_id TEXT', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['intervention_id', 'benefit_id'],
    indexes: [['landing_organisation_id']],
  },
  /** Claimed value, from the claim and each revision. */
  benefit_values: {
    columns: ['position INTEGER', 'intervention_id TEXT', 'benefit_id TEXT', 'value_pence INTEGER', 'recorded_at TEXT'],
    primaryKey: ['position'],
    indexes: [['intervention_id', 'benefit_id']],
  },
  /** Finance's decision: validated (with value) or rejected. */
  benefit_decisions: {
    columns: ['position INTEGER', 'intervention_id TEXT', 'benefit_id TEXT', 'decision TEXT', 'validated_value_pence INTEGER?', 'recorded_at TEXT'],
    primaryKey: ['position'],
    indexes: [['intervention_id', 'benefit_id'], ['decision', 'recorded_at']],
  },
  capacity_releases: {
    columns: ['intervention_id TEXT', 'release_id TEXT', 'benefit_id TEXT', 'resource TEXT', 'quantity_h INTEGER', 'landing_organisation_id TEXT',
      'financial_year TEXT', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['intervention_id', 'release_id'],
    indexes: [['landing_organisation_id', 'resource']],
  },
  /** Harvests (cash-release, reinvest, unharvested), reinvestments done ('reinvested') and cash released ('cash-released'). */
  capacity_movements: {
    columns: ['position INTEGER', 'intervention_id TEXT', 'release_id TEXT', 'kind TEXT', 'quantity_h INTEGER', 'amount_pence INTEGER', 'recorded_at TEXT'],
    primaryKey: ['position'],
    indexes: [['intervention_id', 'release_id']],
  },
  partnerships: {
    columns: ['partnership_id TEXT', 'name TEXT', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['partnership_id'],
  },
  partnership_members: {
    columns: ['position INTEGER', 'ordinal INTEGER', 'partnership_id TEXT', 'organisation_id TEXT', 'role TEXT?', 'change TEXT', 'recorded_at TEXT'],
    primaryKey: ['position', 'ordinal'],
    indexes: [['partnership_id'], ['organisation_id']],
  },
  partnership_agreements: {
    columns: ['partnership_id TEXT', 'version INTEGER', 'effective_from TEXT', 'benefit_types TEXT', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['partnership_id', 'version'],
  },
  partnership_agreement_shares: {
    columns: ['partnership_id TEXT', 'version INTEGER', 'ordinal INTEGER', 'organisation_id TEXT', 'basis_points INTEGER'],
    primaryKey: ['partnership_id', 'version', 'ordinal'],
  },
  partnership_enrolments: {
    columns: ['position INTEGER', 'partnership_id TEXT', 'intervention_id TEXT', 'attribution_basis_points INTEGER', 'recorded_at TEXT'],
    primaryKey: ['position'],
    indexes: [['partnership_id'], ['intervention_id']],
  },
  partnership_costs: {
    columns: ['position INTEGER', 'partnership_id TEXT', 'cost_id TEXT', 'category TEXT', 'amount_pence INTEGER', 'financial_year TEXT',
      'bearer_organisation_id TEXT', 'recorded_at TEXT'],
    primaryKey: ['position'],
    indexes: [['partnership_id']],
  },
  /** Waste-reduction reports, one row per version (finance-report streams). */
  finance_reports: {
    columns: ['organisation_id TEXT', 'financial_year TEXT', 'version INTEGER', 'total_pence INTEGER', 'source_json TEXT', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['organisation_id', 'financial_year', 'version'],
  },
  finance_report_lines: {
    columns: ['organisation_id TEXT', 'financial_year TEXT', 'version INTEGER', 'ordinal INTEGER', 'line_id TEXT', 'description TEXT', 'amount_pence INTEGER',
      'cash_releasing INTEGER', 'recurrent INTEGER', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['organisation_id', 'financial_year', 'version', 'ordinal'],
  },
  /** One row per ReportLineLinked: the line's links as of then (the latest per line wins). */
  finance_report_links: {
    columns: ['position INTEGER', 'organisation_id TEXT', 'financial_year TEXT', 'version INTEGER', 'line_id TEXT', 'recorded_at TEXT'],
    primaryKey: ['position'],
    indexes: [['organisation_id', 'financial_year', 'version']],
  },
  finance_report_link_benefits: {
    columns: ['position INTEGER', 'ordinal INTEGER', 'intervention_id TEXT', 'benefit_id TEXT', 'amount_pence INTEGER', 'recorded_at TEXT'],
    primaryKey: ['position', 'ordinal'],
  },
  finance_signoffs: {
    columns: ['position INTEGER', 'organisation_id TEXT', 'financial_year TEXT', 'version INTEGER', 'reported_pence INTEGER', 'evidenced_pence INTEGER',
      'note TEXT', 'recorded_at TEXT'],
    primaryKey: ['position'],
    indexes: [['organisation_id', 'financial_year', 'version']],
  },
} satisfies Record<string, TableSpec>;

export type ReadModelTable = keyof typeof READ_MODEL_TABLES;
export const READ_MODEL_TABLE_NAMES = Object.keys(READ_MODEL_TABLES) as ReadModelTable[];

export const columnName = (spec: string) => spec.split(' ')[0];

export function createTableSql(name: ReadModelTable): string[] {
  const spec: TableSpec = READ_MODEL_TABLES[name];
  const columns = spec.columns.map((c) => {
    const [column, type] = c.split(' ');
    return type.endsWith('?') ? `${column} ${type.slice(0, -1)}` : `${column} ${type} NOT NULL`;
  });
  const table = `CREATE TABLE IF NOT EXISTS ${name} (${columns.join(', ')}, PRIMARY KEY (${spec.primaryKey.join(', ')})) WITHOUT ROWID`;
  const indexes = (spec.indexes ?? []).map((cols) => `CREATE INDEX IF NOT EXISTS ${name}_${cols.join('_')} ON ${name} (${cols.join(', ')})`);
  return [table, ...indexes];
}

export const CHECKPOINT_SQL = 'CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL)';
