import { PartnershipEvent, upcastPartnershipEvent } from '@benefit-ledger/domain';
import { StreamFacts } from './fact';

export const partnershipFacts: StreamFacts = (event, partnership_id, add, at) => {
  const e = event as unknown as PartnershipEvent;
  switch (e.type) {
    case 'PartnershipFormed':
      add('partnerships', { partnership_id, name: e.data.name, ...at });
      e.data.members.forEach((m, ordinal) =>
        add('partnership_members', {
          ordinal,
          partnership_id,
          organisation_id: m.organisationId,
          role: m.role,
          change: 'joined',
          ...at,
        }),
      );
      break;
    case 'MemberJoined':
      add('partnership_members', {
        ordinal: 0,
        partnership_id,
        organisation_id: e.data.organisationId,
        role: e.data.role,
        change: 'joined',
        ...at,
      });
      break;
    case 'MemberLeft':
      add('partnership_members', {
        ordinal: 0,
        partnership_id,
        organisation_id: e.data.organisationId,
        role: null,
        change: 'left',
        ...at,
      });
      break;
    case 'AttributionAgreementSet':
      add('partnership_agreements', {
        partnership_id,
        version: e.data.version,
        effective_from: e.data.effectiveFrom,
        benefit_types: JSON.stringify(e.data.benefitTypes),
        ...at,
      });
      e.data.shares.forEach((s, ordinal) =>
        add('partnership_agreement_shares', {
          partnership_id,
          version: e.data.version,
          ordinal,
          organisation_id: s.organisationId,
          basis_points: s.basisPoints,
        }),
      );
      break;
    case 'InterventionEnrolled':
      add('partnership_enrolments', {
        partnership_id,
        intervention_id: e.data.interventionId,
        attribution_basis_points: e.data.attributionBasisPoints,
        ...at,
      });
      break;
    case 'PartnershipCostRecorded':
      // a cost recorded before costs were typed reads as direct (upcastPartnershipEvent)
      add('partnership_costs', {
        partnership_id,
        cost_id: e.data.costId,
        cost_type: (upcastPartnershipEvent(e) as typeof e).data.costType,
        category: e.data.category,
        amount_pence: e.data.amountPence,
        financial_year: e.data.financialYear,
        bearer_organisation_id: e.data.bearerOrganisationId,
        ...at,
      });
      break;
    default:
      break;
  }
};
