import { PartnershipCostRecorded, PartnershipEvent, upcastPartnershipEvent } from '@benefit-ledger/domain';
import { FactDecisions } from './fact';
import { restatementFacts } from './restatement.facts';

export const PARTNERSHIP_FACTS: FactDecisions<PartnershipEvent> = {
  PartnershipFormed: (event, partnership_id, add, at) => {
    add('partnerships', { partnership_id, name: event.data.name, ...at });
    event.data.members.forEach((member, ordinal) =>
      add('partnership_members', {
        ordinal,
        partnership_id,
        organisation_id: member.organisationId,
        role: member.role,
        change: 'joined',
        ...at,
      }),
    );
  },
  MemberJoined: (event, partnership_id, add, at) =>
    add('partnership_members', {
      ordinal: 0,
      partnership_id,
      organisation_id: event.data.organisationId,
      role: event.data.role,
      change: 'joined',
      ...at,
    }),
  MemberLeft: (event, partnership_id, add, at) =>
    add('partnership_members', {
      ordinal: 0,
      partnership_id,
      organisation_id: event.data.organisationId,
      role: null,
      change: 'left',
      ...at,
    }),
  AttributionAgreementSet: (event, partnership_id, add, at) => {
    const { version, effectiveFrom, benefitTypes, shares } = event.data;
    add('partnership_agreements', {
      partnership_id,
      version,
      effective_from: effectiveFrom,
      benefit_types: JSON.stringify(benefitTypes),
      ...at,
    });
    shares.forEach((share, ordinal) =>
      add('partnership_agreement_shares', {
        partnership_id,
        version,
        ordinal,
        organisation_id: share.organisationId,
        basis_points: share.basisPoints,
      }),
    );
  },
  InterventionEnrolled: (event, partnership_id, add, at) =>
    add('partnership_enrolments', {
      partnership_id,
      intervention_id: event.data.interventionId,
      attribution_basis_points: event.data.attributionBasisPoints,
      ...at,
    }),
  PartnershipCostRecorded: (event, partnership_id, add, at) => {
    const data = event.data;
    add('partnership_costs', {
      partnership_id,
      cost_id: data.costId,
      // a cost recorded before costs were typed reads as direct (upcastPartnershipEvent)
      cost_type: (upcastPartnershipEvent(event) as PartnershipCostRecorded).data.costType,
      category: data.category,
      amount_pence: data.amountPence,
      financial_year: data.financialYear,
      bearer_organisation_id: data.bearerOrganisationId,
      ...at,
    });
  },
  RestatementRecorded: restatementFacts,
};
