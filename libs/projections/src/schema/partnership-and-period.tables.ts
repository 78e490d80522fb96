import type { TableSpec } from '../read-model-schema';

/** Partnerships (members, agreements, enrolments, costs), and closed periods with their restatements. (read-model-schema.ts: what a spec means.) */
export const PARTNERSHIP_AND_PERIOD_TABLES = {
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
} satisfies Record<string, TableSpec>;
