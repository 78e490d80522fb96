import type { TableSpec } from '../read-model-schema';

/** Tables derived from the facts rather than from one event (flow-parts.ts, benefit-realisations.ts): their figures are ranges of their keys. (read-model-schema.ts: what a spec means.) */
export const DERIVED_TABLE_SPECS = {
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
    // an investor's parts, and one link's (from, to), in any year; a landing organisation's; an intervention's (live
    // refresh), its current versions first (a new cost ends them: FlowPartsWriter.afterCosts)
    indexes: [
      ['from_organisation_id', 'to_organisation_id', 'financial_year'],
      ['to_organisation_id', 'financial_year'],
      ['intervention_id', 'valid_to'],
    ],
  },
  /**
   * What each validated capacity benefit realised, derived (benefit-realisations.ts): realiseBenefit over its
   * releases and their movements, a version from each event of the benefit (valid_from) until the next (valid_to,
   * null while current), like flow_parts. Any other type is realised at its validated value (validated_benefits).
   */
  benefit_realisations: {
    columns: [
      'financial_year TEXT',
      'landing_organisation_id TEXT',
      'intervention_id TEXT',
      'benefit_id TEXT',
      'valid_from INTEGER',
      'valid_to INTEGER?',
      'validated_pence INTEGER',
      'realised_pence INTEGER',
      'cash_pence INTEGER',
      'reinvested_pence INTEGER',
      'awaiting_reinvestment_pence INTEGER',
      'cash_not_released_pence INTEGER',
      'reinvested_below_value_pence INTEGER',
      'unharvested_pence INTEGER',
      'undecided_pence INTEGER',
      'beyond_limits_pence INTEGER',
    ],
    primaryKey: ['financial_year', 'landing_organisation_id', 'intervention_id', 'benefit_id', 'valid_from'],
    clustered: true,
    outsideCombinedDigest: true,
    // an organisation's in any year; an intervention's (live refresh)
    indexes: [['landing_organisation_id', 'financial_year'], ['intervention_id']],
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
} satisfies Record<string, TableSpec>;
