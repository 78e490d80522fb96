/**
 * The read models: one table per kind of fact, each row tied to the global position (and recordedAt) of the
 * event it came from, so every query can answer from a prefix of the log (`position <= upTo`; an `asAt` instant
 * is turned into such a position through events_seen.known_at), and every figure can be traced to its events.
 * One definition serves CREATE, INSERT and the digest.
 * Column spec: 'name TYPE' (NOT NULL) or 'name TYPE?' (nullable).
 */
export interface TableSpec {
  columns: string[];
  primaryKey: string[];
  indexes?: string[][];
  /** Which file holds the table (default 'figures'); see ReadModelStore. */
  file?: ReadModelFile;
  /**
   * Store rows in primary-key order (WITHOUT ROWID): for derived tables, written sorted in bulk, whose figures are
   * ranges of the key, so that a sum reads one run of pages.
   */
  clustered?: true;
  /** Leave the table out of the read models' digest while it is empty, so that digests of ledgers without such rows stay as they were. */
  digestOnlyWhenNotEmpty?: true;
}

/**
 * The read models live in two SQLite files: 'figures' (the facts, and the tables derived from them) and
 * 'provenance' (one row per event, for traces and as-at), on one connection. Each has its own checkpoint, so a
 * rebuild can write both at once.
 */
export type ReadModelFile = 'figures' | 'provenance';

export const READ_MODEL_TABLES = {
  /**
   * Every projected event, for provenance: what /trace shows about an event. `known_at` is the latest recordedAt
   * up to this position: the log as known at an instant T is the prefix whose known_at <= T.
   */
  events_seen: {
    columns: [
      'position INTEGER',
      'event_id TEXT',
      'stream_id TEXT',
      'revision INTEGER',
      'type TEXT',
      'hash TEXT',
      'actor_user_id TEXT',
      'actor_organisation_id TEXT',
      'actor_role TEXT',
      'recorded_at TEXT',
      'known_at TEXT',
      'correlation_id TEXT',
      'source_json TEXT?',
    ],
    primaryKey: ['position'],
    indexes: [['known_at', 'position']],
    file: 'provenance',
  },
  /**
   * Events the figures could not fold (a money figure beyond the ceiling per figure, written before the ceiling was
   * enforced; or any other fault in its facts): none of their facts are in the figures, each is named here by position
   * with the reason, and the rest of the ledger still answers. Joins the digest only when it holds a row.
   */
  unfolded_events: {
    columns: ['position INTEGER', 'stream_id TEXT', 'type TEXT', 'reason TEXT', 'recorded_at TEXT'],
    primaryKey: ['position'],
    digestOnlyWhenNotEmpty: true,
  },
  organisations: {
    columns: ['organisation_id TEXT', 'name TEXT', 'type TEXT', 'system TEXT?', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['organisation_id'],
  },
  /** An intervention as registered: its pathway and lenses (1 on, 0 off) too, for the portfolio's filters. */
  interventions: {
    columns: [
      'intervention_id TEXT',
      'title TEXT',
      'lead_organisation_id TEXT',
      'pathway TEXT?',
      'lens_economic INTEGER',
      'lens_social INTEGER',
      'lens_strategic INTEGER',
      'position INTEGER',
      'recorded_at TEXT',
    ],
    primaryKey: ['intervention_id'],
    indexes: [['lead_organisation_id']],
  },
  /** Each decision of an intervention's life cycle (approve, start, …): its status at any position is the latest one's. */
  intervention_decisions: {
    columns: ['position INTEGER', 'intervention_id TEXT', 'decision TEXT', 'decided_on TEXT?', 'recorded_at TEXT'],
    primaryKey: ['position'],
    indexes: [['intervention_id', 'position']],
  },
  costs: {
    columns: [
      'position INTEGER',
      'intervention_id TEXT',
      'cost_id TEXT',
      'cost_type TEXT',
      'amount_pence INTEGER',
      'financial_year TEXT',
      'bearer_organisation_id TEXT',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['intervention_id'], ['bearer_organisation_id', 'intervention_id']],
  },
  /** A benefit's fixed attributes, from its claim, with the value and description as claimed (benefit_revisions may change the value). */
  benefits: {
    columns: [
      'intervention_id TEXT',
      'benefit_id TEXT',
      'benefit_type TEXT',
      'lens TEXT',
      'recurrence TEXT',
      'financial_year TEXT',
      'landing_organisation_id TEXT',
      'value_pence INTEGER?',
      'description TEXT?',
      'quantity_h INTEGER?',
      'position INTEGER',
      'recorded_at TEXT',
    ],
    primaryKey: ['intervention_id', 'benefit_id'],
    // by its id alone: a finance report line may name a benefit without its intervention; by where it lands: the validation queue
    indexes: [['benefit_id'], ['landing_organisation_id']],
  },
  /** A revision of an unvalidated claim's value: the claim's value at any position is the latest revision's, or the claim's. */
  benefit_revisions: {
    columns: [
      'position INTEGER',
      'intervention_id TEXT',
      'benefit_id TEXT',
      'value_pence INTEGER?',
      'quantity_h INTEGER?',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['intervention_id', 'benefit_id', 'position']],
  },
  /** Finance's decision: validated (with value and note) or rejected (the reason in `note`). */
  benefit_decisions: {
    columns: [
      'position INTEGER',
      'intervention_id TEXT',
      'benefit_id TEXT',
      'decision TEXT',
      'validated_value_pence INTEGER?',
      'note TEXT?',
      // the quantity validated (hundredths); null for a validation recorded before it was (read as the quantity claimed)
      'validated_quantity_h INTEGER?',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['intervention_id', 'benefit_id']],
  },
  capacity_releases: {
    columns: [
      'intervention_id TEXT',
      'release_id TEXT',
      'benefit_id TEXT',
      'resource TEXT',
      'quantity_h INTEGER',
      'landing_organisation_id TEXT',
      'financial_year TEXT',
      'position INTEGER',
      'recorded_at TEXT',
    ],
    primaryKey: ['intervention_id', 'release_id'],
    indexes: [['landing_organisation_id', 'resource'], ['financial_year']],
  },
  /**
   * Harvests (cash-release, reinvest, unharvested), reinvestments done ('reinvested') and cash released ('cash-released').
   * A reinvestment's amount is the value it records, null when it records none (it then counts at the validated unit value).
   */
  capacity_movements: {
    columns: [
      'position INTEGER',
      'intervention_id TEXT',
      'release_id TEXT',
      'kind TEXT',
      'quantity_h INTEGER',
      'amount_pence INTEGER?',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['intervention_id', 'release_id']],
  },
  /**
   * Where value lands (docs/design.md#the-arithmetic), derived: each validated benefit split over its intervention's cost bearers in
   * proportion to the costs each had borne, by largest remainder. A cost recorded after the validation starts a
   * new version of the benefit's parts: a version holds from log position `valid_from` until `valid_to`
   * (the next version's start; null while current). Built by flow-parts.ts from the costs and decisions above.
   */
  flow_parts: {
    columns: [
      'financial_year TEXT',
      'from_organisation_id TEXT',
      'to_organisation_id TEXT',
      'intervention_id TEXT',
      'benefit_id TEXT',
      'valid_from INTEGER',
      'valid_to INTEGER?',
      'pence INTEGER',
      'validated_pence INTEGER',
      'bearer_cost_pence INTEGER',
      'total_cost_pence INTEGER',
      'claim_position INTEGER',
      'decision_position INTEGER',
    ],
    primaryKey: [
      'financial_year',
      'from_organisation_id',
      'to_organisation_id',
      'intervention_id',
      'benefit_id',
      'valid_from',
    ],
    clustered: true,
    // an investor's parts, and one link's (from, to), in any year; a landing organisation's; an intervention's (live refresh)
    indexes: [
      ['from_organisation_id', 'to_organisation_id', 'financial_year'],
      ['to_organisation_id', 'financial_year'],
      ['intervention_id'],
    ],
  },
  /**
   * Validated benefits, derived: each validation (final) with its claim's attributes, clustered by where the value
   * landed and its year; `position` is the validation's. What flows, organisation value, attribution and
   * reconciliation add up.
   */
  validated_benefits: {
    columns: [
      'landing_organisation_id TEXT',
      'financial_year TEXT',
      'intervention_id TEXT',
      'benefit_id TEXT',
      'benefit_type TEXT',
      'lens TEXT',
      'recurrence TEXT',
      'validated_value_pence INTEGER',
      'claim_position INTEGER',
      'position INTEGER',
      // the quantity validated (hundredths of the benefit's unit): the validation's, or for one recorded before validations
      // carried it, the quantity as claimed or last revised before it (the upcast's reading, in SQL)
      'validated_quantity_h INTEGER',
    ],
    primaryKey: ['landing_organisation_id', 'financial_year', 'intervention_id', 'benefit_id'],
    clustered: true,
    indexes: [
      ['financial_year', 'position', 'validated_value_pence'],
      ['intervention_id', 'benefit_id'],
    ],
  },
  partnerships: {
    columns: ['partnership_id TEXT', 'name TEXT', 'position INTEGER', 'recorded_at TEXT'],
    primaryKey: ['partnership_id'],
  },
  partnership_members: {
    columns: [
      'position INTEGER',
      'ordinal INTEGER',
      'partnership_id TEXT',
      'organisation_id TEXT',
      'role TEXT?',
      'change TEXT',
      'recorded_at TEXT',
    ],
    primaryKey: ['position', 'ordinal'],
    indexes: [['partnership_id'], ['organisation_id']],
  },
  partnership_agreements: {
    columns: [
      'partnership_id TEXT',
      'version INTEGER',
      'effective_from TEXT',
      'benefit_types TEXT',
      'position INTEGER',
      'recorded_at TEXT',
    ],
    primaryKey: ['partnership_id', 'version'],
  },
  partnership_agreement_shares: {
    columns: [
      'partnership_id TEXT',
      'version INTEGER',
      'ordinal INTEGER',
      'organisation_id TEXT',
      'basis_points INTEGER',
    ],
    primaryKey: ['partnership_id', 'version', 'ordinal'],
  },
  partnership_enrolments: {
    columns: [
      'position INTEGER',
      'partnership_id TEXT',
      'intervention_id TEXT',
      'attribution_basis_points INTEGER',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['partnership_id'], ['intervention_id']],
  },
  partnership_costs: {
    columns: [
      'position INTEGER',
      'partnership_id TEXT',
      'cost_id TEXT',
      'cost_type TEXT',
      'category TEXT',
      'amount_pence INTEGER',
      'financial_year TEXT',
      'bearer_organisation_id TEXT',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['partnership_id']],
  },
  /** Financial years closed: one row per PeriodClosed (the seal's heads stay in the log). Null scope: the whole system. */
  period_closes: {
    columns: [
      'position INTEGER',
      'financial_year TEXT',
      'scope_organisation_id TEXT?',
      'closed_at TEXT',
      'seal_position INTEGER',
      'seal_root TEXT',
      'stream_count INTEGER',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['financial_year']],
  },
  /** Restatements of closed years, from whichever stream changed; the change follows in that stream (changes_json). */
  restatements: {
    columns: [
      'position INTEGER',
      'stream_id TEXT',
      'revision INTEGER',
      'financial_year TEXT',
      'reason TEXT',
      'closes_json TEXT',
      'organisation_ids_json TEXT',
      'changes_json TEXT',
      'actor_user_id TEXT',
      'actor_role TEXT',
      'recorded_at TEXT',
    ],
    primaryKey: ['position'],
    indexes: [['financial_year']],
  },
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

export type ReadModelTable = keyof typeof READ_MODEL_TABLES;
export const READ_MODEL_TABLE_NAMES = Object.keys(READ_MODEL_TABLES) as ReadModelTable[];

export const columnName = (spec: string) => spec.split(' ')[0];

export const tableFile = (name: ReadModelTable): ReadModelFile =>
  (READ_MODEL_TABLES[name] as TableSpec).file ?? 'figures';
export const tablesIn = (file: ReadModelFile) => READ_MODEL_TABLE_NAMES.filter((t) => tableFile(t) === file);

/**
 * `schema`: the attached database's name when the file is not the connection's main one. A fact table is a rowid
 * table: one keyed by log position takes it as its rowid (appended in key order); any other key is a UNIQUE
 * index (createIndexSql), which a rebuild builds once, sorted, after the bulk load rather than row by row.
 * A `clustered` (derived) table is stored in key order instead.
 */
export function createTableSql(name: ReadModelTable, schema: string | null = null): string {
  const spec: TableSpec = READ_MODEL_TABLES[name];
  const table = schema ? `${schema}.${name}` : name;
  const byPosition = isPositionKeyed(spec);
  const columns = spec.columns.map((c) => {
    const [column, type] = c.split(' ');
    if (byPosition && column === 'position') return `${column} INTEGER PRIMARY KEY`;
    return type.endsWith('?') ? `${column} ${type.slice(0, -1)}` : `${column} ${type} NOT NULL`;
  });
  return spec.clustered
    ? `CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')}, PRIMARY KEY (${spec.primaryKey.join(', ')})) WITHOUT ROWID`
    : `CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')})`;
}

const isPositionKeyed = (spec: TableSpec) => spec.primaryKey.length === 1 && spec.primaryKey[0] === 'position';

/** The key (unless it is the position) and the secondary indexes: a rebuild creates them once, after the bulk load. */
export function createIndexSql(name: ReadModelTable, schema: string | null = null): string[] {
  const spec: TableSpec = READ_MODEL_TABLES[name];
  const prefix = schema ? `${schema}.` : '';
  const key =
    isPositionKeyed(spec) || spec.clustered
      ? []
      : [`CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}${name}_key ON ${name} (${spec.primaryKey.join(', ')})`];
  return [...key, ...(spec.indexes ?? []).map((cols) => secondaryIndexSql(name, cols, schema))];
}

/** One of a table's secondary indexes (`spec.indexes`), on its own. */
export function secondaryIndexSql(name: ReadModelTable, cols: readonly string[], schema: string | null = null): string {
  const spec: TableSpec = READ_MODEL_TABLES[name];
  if (!spec.indexes?.some((declared) => declared.join() === cols.join()))
    throw new Error(`${name} has no index on (${cols.join(', ')})`);
  return `CREATE INDEX IF NOT EXISTS ${schema ? `${schema}.` : ''}${name}_${cols.join('_')} ON ${name} (${cols.join(', ')})`;
}

/** Each file's checkpoint: the global position of the last event applied to its tables. */
export const checkpointSql = (schema: string | null = null) =>
  `CREATE TABLE IF NOT EXISTS ${schema ? `${schema}.` : ''}checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL)`;
