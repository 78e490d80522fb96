import type { TableSpec } from '../read-model-schema';

/** The directory and each intervention's facts: costs, claims, revisions, decisions, capacity released and what became of it. (read-model-schema.ts: what a spec means.) */
export const INTERVENTION_TABLES = {
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
    // a bearer's costs summed (an organisation's invested value, its net and ROI) from the index alone, in any year or one
    indexes: [['intervention_id'], ['bearer_organisation_id', 'financial_year', 'position', 'amount_pence']],
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
    // by its id alone: a finance report line may name a benefit without its intervention; by where it lands (the
    // validation queue), covering what an organisation's claims are counted, summed and paged by (benefits-summed.ts)
    indexes: [
      ['benefit_id'],
      [
        'landing_organisation_id',
        'financial_year',
        'position',
        'benefit_type',
        'value_pence',
        'intervention_id',
        'benefit_id',
      ],
    ],
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
} satisfies Record<string, TableSpec>;
