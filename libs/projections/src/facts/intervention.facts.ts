import { InterventionEvent, toHundredths } from '@benefit-ledger/domain';
import { StreamFacts } from './fact';

export const interventionFacts: StreamFacts = (event, intervention_id, add, at) => {
  const e = event as unknown as InterventionEvent;
  switch (e.type) {
    case 'InterventionRegistered':
      add('interventions', { intervention_id, title: e.data.title, lead_organisation_id: e.data.leadOrganisationId, ...at });
      break;
    case 'CostRecorded':
      add('costs', { intervention_id, cost_id: e.data.costId, cost_type: e.data.costType, amount_pence: e.data.amountPence,
        financial_year: e.data.financialYear, bearer_organisation_id: e.data.bearerOrganisationId, ...at });
      break;
    case 'BenefitClaimed':
      add('benefits', { intervention_id, benefit_id: e.data.benefitId, benefit_type: e.data.benefitType, lens: e.data.lens,
        recurrence: e.data.recurrence, financial_year: e.data.financialYear, landing_organisation_id: e.data.landingOrganisationId, ...at });
      break;
    case 'BenefitValidated':
      add('benefit_decisions', { intervention_id, benefit_id: e.data.benefitId, decision: 'validated', validated_value_pence: e.data.validatedValuePence, ...at });
      break;
    case 'BenefitRejected':
      add('benefit_decisions', { intervention_id, benefit_id: e.data.benefitId, decision: 'rejected', validated_value_pence: null, ...at });
      break;
    case 'CapacityReleased':
      add('capacity_releases', { intervention_id, release_id: e.data.releaseId, benefit_id: e.data.benefitId, resource: e.data.resource,
        quantity_h: toHundredths(e.data.quantity), landing_organisation_id: e.data.landingOrganisationId, financial_year: e.data.financialYear, ...at });
      break;
    case 'CapacityHarvested':
      add('capacity_movements', { intervention_id, release_id: e.data.releaseId, kind: e.data.harvest, quantity_h: toHundredths(e.data.quantity), amount_pence: 0, ...at });
      break;
    case 'CashReleased':
      add('capacity_movements', { intervention_id, release_id: e.data.releaseId, kind: 'cash-released', quantity_h: 0, amount_pence: e.data.amountPence, ...at });
      break;
    case 'CapacityReinvested':
      add('capacity_movements', { intervention_id, release_id: e.data.releaseId, kind: 'reinvested', quantity_h: toHundredths(e.data.quantity),
        amount_pence: e.data.valuePence ?? 0, ...at });
      break;
    default:
      break;
  }
};
