import { BenefitType, CostType } from '../intervention/intervention-vocabulary';
import { DataSource } from '../shared/data-source';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { AttributionShare, PartnershipEvent, PartnershipMember } from './partnership.events';
import { PartnershipRole } from './partnership-vocabulary';

export interface FormerMemberState {
  organisationId: string;
  role: PartnershipRole;
  reason: string;
}
export interface AgreementState {
  version: number;
  shares: AttributionShare[];
  benefitTypes: BenefitType[];
  effectiveFrom: FinancialYear;
}
export interface EnrolmentState {
  interventionId: string;
  attributionBasisPoints: number;
}
export interface PartnershipCostState {
  costId: string;
  costType: CostType;
  category: string;
  amountPence: Pence;
  financialYear: FinancialYear;
  bearerOrganisationId: string;
  source: DataSource;
}

export interface PartnershipState {
  formed: boolean;
  partnershipId: string | null;
  name: string | null;
  /** Current members, in the order they were formed with or joined. */
  members: PartnershipMember[];
  /** Organisations that left, in the order they left (one may have rejoined since and be current again). */
  formerMembers: FormerMemberState[];
  /** Every agreement, by version (1, 2, …). */
  agreements: AgreementState[];
  enrolments: EnrolmentState[];
  costs: PartnershipCostState[];
}

export const initialPartnershipState: PartnershipState = {
  formed: false,
  partnershipId: null,
  name: null,
  members: [],
  formerMembers: [],
  agreements: [],
  enrolments: [],
  costs: [],
};

export const currentMember = (state: PartnershipState, organisationId: string): PartnershipMember | undefined =>
  state.members.find((m) => m.organisationId === organisationId);

export const isCurrentLead = (state: PartnershipState, organisationId: string): boolean =>
  currentMember(state, organisationId)?.role === 'lead';

export function evolvePartnership(state: PartnershipState, event: PartnershipEvent): PartnershipState {
  switch (event.type) {
    case 'PartnershipFormed': {
      const { partnershipId, name, members } = event.data;
      return {
        ...state,
        formed: true,
        partnershipId,
        name,
        members: members.map(({ organisationId, role }) => ({ organisationId, role })),
      };
    }
    case 'MemberJoined': {
      const { organisationId, role } = event.data;
      return { ...state, members: [...state.members, { organisationId, role }] };
    }
    case 'MemberLeft': {
      const { organisationId, reason } = event.data;
      const leaving = currentMember(state, organisationId);
      if (!leaving) return state;
      return {
        ...state,
        members: state.members.filter((m) => m.organisationId !== organisationId),
        formerMembers: [...state.formerMembers, { organisationId, role: leaving.role, reason }],
      };
    }
    case 'AttributionAgreementSet': {
      const { version, shares, benefitTypes, effectiveFrom } = event.data;
      return {
        ...state,
        agreements: [
          ...state.agreements,
          {
            version,
            shares: shares.map(({ organisationId, basisPoints }) => ({ organisationId, basisPoints })),
            benefitTypes: [...benefitTypes],
            effectiveFrom,
          },
        ],
      };
    }
    case 'InterventionEnrolled': {
      const { interventionId, attributionBasisPoints } = event.data;
      return { ...state, enrolments: [...state.enrolments, { interventionId, attributionBasisPoints }] };
    }
    case 'PartnershipCostRecorded': {
      const { costId, costType, category, amountPence, financialYear, bearerOrganisationId, source } = event.data;
      return {
        ...state,
        costs: [
          ...state.costs,
          { costId, costType, category, amountPence, financialYear, bearerOrganisationId, source },
        ],
      };
    }
    case 'RestatementRecorded':
      return state; // the change it explains follows it
  }
}
