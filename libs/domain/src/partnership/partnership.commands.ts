import { BenefitType, CostType } from '../intervention/intervention-vocabulary';
import { DataSource } from '../shared/data-source';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { AttributionShare, PartnershipMember } from './partnership.events';
import { PartnershipRole } from './partnership-vocabulary';

/** What may be asked of a partnership. Ids are given, never generated here; the agreement's version is the decider's. */
export type PartnershipCommand =
  | { type: 'FormPartnership'; partnershipId: string; name: string; members: PartnershipMember[] }
  | { type: 'JoinMember'; organisationId: string; role: PartnershipRole }
  | { type: 'LeaveMember'; organisationId: string; reason: string }
  | {
      type: 'SetAttributionAgreement';
      shares: AttributionShare[];
      benefitTypes: BenefitType[];
      effectiveFrom: FinancialYear;
    }
  | { type: 'EnrolIntervention'; interventionId: string; attributionBasisPoints: number }
  | {
      type: 'RecordPartnershipCost';
      costId: string;
      costType: CostType;
      category: string;
      amountPence: Pence;
      financialYear: FinancialYear;
      bearerOrganisationId: string;
      source: DataSource;
    };

export type PartnershipCommandType = PartnershipCommand['type'];

/**
 * The organisations a partnership command names, with the field that names each (checked to exist at the edge).
 * A departing organisation is not listed: leaving is refused by the decider unless it is a current member.
 */
export function partnershipOrganisationReferences(
  command: PartnershipCommand,
): { field: string; organisationId: string }[] {
  switch (command.type) {
    case 'FormPartnership':
      return command.members.map((m, i) => ({
        field: `members[${i}].organisationId`,
        organisationId: m.organisationId,
      }));
    case 'JoinMember':
      return [{ field: 'organisationId', organisationId: command.organisationId }];
    case 'SetAttributionAgreement':
      return command.shares.map((s, i) => ({ field: `shares[${i}].organisationId`, organisationId: s.organisationId }));
    case 'RecordPartnershipCost':
      return [{ field: 'bearerOrganisationId', organisationId: command.bearerOrganisationId }];
    default:
      return [];
  }
}

/** The intervention a partnership command names, with its field (checked to be registered at the edge), or null. */
export function partnershipInterventionReference(
  command: PartnershipCommand,
): { field: string; interventionId: string } | null {
  return command.type === 'EnrolIntervention'
    ? { field: 'interventionId', interventionId: command.interventionId }
    : null;
}
