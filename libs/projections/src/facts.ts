import { RecordedEvent } from '@benefit-ledger/event-store';
import { InterventionEvent, OrganisationEvent, PartnershipEvent, toHundredths } from '@benefit-ledger/domain';
import { ReadModelTable } from './read-model-schema';

export interface Fact {
  table: ReadModelTable;
  row: Record<string, string | number | null>;
}

const interventionIdOf = (streamId: string) => streamId.slice('intervention-'.length);
const partnershipIdOf = (streamId: string) => streamId.slice('partnership-'.length);

/**
 * The projection's fold step, pure: one recorded event -> the rows it adds to the read models.
 * Every event also leaves a provenance row. Unknown event types add provenance only.
 */
export function factsOf(event: RecordedEvent): Fact[] {
  const at = { position: event.position, recorded_at: event.metadata.recordedAt };
  const source = (event.data as { source?: unknown }).source;
  const facts: Fact[] = [{
    table: 'events_seen',
    row: {
      position: event.position, event_id: event.eventId, stream_id: event.streamId, revision: event.revision, type: event.type,
      hash: event.metadata.hash, actor_user_id: event.metadata.actor.userId, actor_organisation_id: event.metadata.actor.organisationId,
      actor_role: event.metadata.actor.role, recorded_at: event.metadata.recordedAt, correlation_id: event.metadata.correlationId,
      source_json: source === undefined ? null : JSON.stringify(source),
    },
  }];
  const add = (table: ReadModelTable, row: Fact['row']) => facts.push({ table, row });

  if (event.streamId.startsWith('organisation-')) {
    const e = event as unknown as OrganisationEvent;
    if (e.type === 'OrganisationRegistered') {
      add('organisations', { organisation_id: e.data.organisationId, name: e.data.name, type: e.data.type, system: e.data.system, ...at });
    }
  } else if (event.streamId.startsWith('intervention-')) {
    const intervention_id = interventionIdOf(event.streamId);
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
        add('benefit_values', { intervention_id, benefit_id: e.data.benefitId, value_pence: e.data.valuePence, ...at });
        break;
      case 'BenefitRevised':
        add('benefit_values', { intervention_id, benefit_id: e.data.benefitId, value_pence: e.data.valuePence, ...at });
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
  } else if (event.streamId.startsWith('partnership-')) {
    const partnership_id = partnershipIdOf(event.streamId);
    const e = event as unknown as PartnershipEvent;
    switch (e.type) {
      case 'PartnershipFormed':
        add('partnerships', { partnership_id, name: e.data.name, ...at });
        e.data.members.forEach((m, ordinal) =>
          add('partnership_members', { ordinal, partnership_id, organisation_id: m.organisationId, role: m.role, change: 'joined', ...at }));
        break;
      case 'MemberJoined':
        add('partnership_members', { ordinal: 0, partnership_id, organisation_id: e.data.organisationId, role: e.data.role, change: 'joined', ...at });
        break;
      case 'MemberLeft':
        add('partnership_members', { ordinal: 0, partnership_id, organisation_id: e.data.organisationId, role: null, change: 'left', ...at });
        break;
      case 'AttributionAgreementSet':
        add('partnership_agreements', { partnership_id, version: e.data.version, effective_from: e.data.effectiveFrom,
          benefit_types: JSON.stringify(e.data.benefitTypes), ...at });
        e.data.shares.forEach((s, ordinal) => add('partnership_agreement_shares', {
          partnership_id, version: e.data.version, ordinal, organisation_id: s.organisationId, basis_points: s.basisPoints }));
        break;
      case 'InterventionEnrolled':
        add('partnership_enrolments', { partnership_id, intervention_id: e.data.interventionId, attribution_basis_points: e.data.attributionBasisPoints, ...at });
        break;
      case 'PartnershipCostRecorded':
        add('partnership_costs', { partnership_id, cost_id: e.data.costId, category: e.data.category, amount_pence: e.data.amountPence,
          financial_year: e.data.financialYear, bearer_organisation_id: e.data.bearerOrganisationId, ...at });
        break;
      default:
        break;
    }
  }
  return facts;
}
