import { InterventionEvent } from '@benefit-ledger/domain';
import { FactDecisions } from './fact';
import { restatementFacts } from './restatement.facts';
import { constant, entityId, field, flag, hundredths } from './row-spec';

/**
 * What each kind of intervention event adds to the figures: mostly one row, declared column by column (row-spec.ts),
 * which the fold and a rebuild from a SQLite log both read.
 */
export const INTERVENTION_FACTS: FactDecisions<InterventionEvent> = {
  InterventionRegistered: {
    table: 'interventions',
    columns: {
      intervention_id: entityId,
      title: field('title'),
      lead_organisation_id: field('leadOrganisationId'),
      pathway: field('pathway'),
      lens_economic: flag('lenses', 'economic'),
      lens_social: flag('lenses', 'social'),
      lens_strategic: flag('lenses', 'strategic'),
    },
  },
  InterventionDecisionRecorded: {
    table: 'intervention_decisions',
    columns: { intervention_id: entityId, decision: field('decision'), decided_on: field('decidedOn') },
  },
  CostRecorded: {
    table: 'costs',
    columns: {
      intervention_id: entityId,
      cost_id: field('costId'),
      cost_type: field('costType'),
      amount_pence: field('amountPence'),
      financial_year: field('financialYear'),
      bearer_organisation_id: field('bearerOrganisationId'),
    },
  },
  // a measurement is evidence a claim names: read from the stream (portfolio reports), not a figure
  MeasurementRecorded: 'none',
  BenefitClaimed: {
    table: 'benefits',
    columns: {
      intervention_id: entityId,
      benefit_id: field('benefitId'),
      benefit_type: field('benefitType'),
      lens: field('lens'),
      recurrence: field('recurrence'),
      financial_year: field('financialYear'),
      landing_organisation_id: field('landingOrganisationId'),
      value_pence: field('valuePence'),
      description: field('description'),
      quantity_h: hundredths('quantity', 'value'),
    },
  },
  BenefitRevised: {
    table: 'benefit_revisions',
    columns: {
      intervention_id: entityId,
      benefit_id: field('benefitId'),
      value_pence: field('valuePence'),
      quantity_h: hundredths('quantity', 'value'),
    },
  },
  BenefitValidated: {
    table: 'benefit_decisions',
    columns: {
      intervention_id: entityId,
      benefit_id: field('benefitId'),
      decision: constant('validated'),
      validated_value_pence: field('validatedValuePence'),
      note: field('note'),
      validated_quantity_h: hundredths('validatedQuantity'),
    },
  },
  BenefitRejected: {
    table: 'benefit_decisions',
    columns: {
      intervention_id: entityId,
      benefit_id: field('benefitId'),
      decision: constant('rejected'),
      validated_value_pence: constant(null),
      note: field('reason'),
      validated_quantity_h: constant(null),
    },
  },
  CapacityReleased: {
    table: 'capacity_releases',
    columns: {
      intervention_id: entityId,
      release_id: field('releaseId'),
      benefit_id: field('benefitId'),
      resource: field('resource'),
      quantity_h: hundredths('quantity'),
      landing_organisation_id: field('landingOrganisationId'),
      financial_year: field('financialYear'),
    },
  },
  CapacityHarvested: {
    table: 'capacity_movements',
    columns: {
      intervention_id: entityId,
      release_id: field('releaseId'),
      kind: field('harvest'),
      quantity_h: hundredths('quantity'),
      amount_pence: constant(0),
    },
  },
  CashReleased: {
    table: 'capacity_movements',
    columns: {
      intervention_id: entityId,
      release_id: field('releaseId'),
      kind: constant('cash-released'),
      quantity_h: constant(0),
      amount_pence: field('amountPence'),
    },
  },
  CapacityReinvested: {
    table: 'capacity_movements',
    columns: {
      intervention_id: entityId,
      release_id: field('releaseId'),
      kind: constant('reinvested'),
      quantity_h: hundredths('quantity'),
      amount_pence: field('valuePence'),
    },
  },
  // plan against actual is read from the stream (portfolio reports)
  BenefitActualRecorded: 'none',
  RestatementRecorded: restatementFacts,
};
