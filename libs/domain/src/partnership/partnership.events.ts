import { DomainEvent } from '../shared/decider';
import { DataSource } from '../shared/data-source';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { BenefitType, CostType } from '../intervention/intervention-vocabulary';
import { PartnershipRole } from './partnership-vocabulary';
import { RestatementRecorded } from '../period/period.events';

/** The events of one partnership's stream (docs/design.md#the-events). */
export interface PartnershipMember {
  organisationId: string;
  role: PartnershipRole;
}
export interface AttributionShare {
  organisationId: string;
  basisPoints: number;
}

export type PartnershipFormed = DomainEvent<
  'PartnershipFormed',
  { partnershipId: string; name: string; members: PartnershipMember[] }
>;
export type MemberJoined = DomainEvent<'MemberJoined', { organisationId: string; role: PartnershipRole }>;
export type MemberLeft = DomainEvent<'MemberLeft', { organisationId: string; reason: string }>;
/** Shares sum to 10000; in force from `effectiveFrom` until a later version takes effect. */
export type AttributionAgreementSet = DomainEvent<
  'AttributionAgreementSet',
  {
    version: number;
    shares: AttributionShare[];
    benefitTypes: BenefitType[];
    effectiveFrom: FinancialYear;
  }
>;
/** The share of the intervention's validated value attributed to the partnership. */
export type InterventionEnrolled = DomainEvent<
  'InterventionEnrolled',
  { interventionId: string; attributionBasisPoints: number }
>;
/** `costType` from schema version 2; an older event reads as direct (partnership.upcast.ts). */
export type PartnershipCostRecorded = DomainEvent<
  'PartnershipCostRecorded',
  {
    costId: string;
    costType: CostType;
    category: string;
    amountPence: Pence;
    financialYear: FinancialYear;
    bearerOrganisationId: string;
    source: DataSource;
  }
>;

export type PartnershipEvent =
  | PartnershipFormed
  | MemberJoined
  | MemberLeft
  | AttributionAgreementSet
  | InterventionEnrolled
  | PartnershipCostRecorded
  /** Precedes, in the same append, a change to a closed year's figures (see period/period-lock.ts). */
  | RestatementRecorded;
