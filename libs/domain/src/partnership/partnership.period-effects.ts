import { PeriodEffect } from '../period/period-lock';
import { FinancialYear } from '../shared/financial-year';
import { PartnershipCommand } from './partnership.commands';
import { PartnershipState } from './partnership.state';

/** The organisations whose partnership figures a partnership's changes touch: members (current and former) and every share holder. */
export function partnershipParties(state: PartnershipState): string[] {
  const parties = new Set<string>([...state.members, ...state.formerMembers].map((m) => m.organisationId));
  for (const a of state.agreements) for (const s of a.shares) parties.add(s.organisationId);
  return [...parties].sort();
}

/**
 * Which financial years' attribution figures a partnership command changes: a programme cost its own year;
 * an agreement its effectiveFrom year and every later one (it is in force from then on); an enrolment every
 * year the intervention has benefits in (`enrolledBenefitYears`, read from the intervention at the edge).
 * Forming, joining and leaving change no figure (attribution follows the agreement's shares).
 */
export function partnershipPeriodEffects(
  command: PartnershipCommand,
  state: PartnershipState,
  enrolledBenefitYears: readonly FinancialYear[] = [],
): PeriodEffect[] {
  const id = state.partnershipId ?? '?';
  // the parties are worked out only in the branches that change a figure, not for forming, joining or leaving
  switch (command.type) {
    case 'RecordPartnershipCost':
      return [
        {
          financialYear: command.financialYear,
          andLaterYears: false,
          organisationIds: [...new Set([...partnershipParties(state), command.bearerOrganisationId])].sort(),
          what: `a ${command.financialYear} programme cost of partnership '${id}'`,
        },
      ];
    case 'SetAttributionAgreement':
      return [
        {
          financialYear: command.effectiveFrom,
          andLaterYears: true,
          organisationIds: [
            ...new Set([...partnershipParties(state), ...command.shares.map((s) => s.organisationId)]),
          ].sort(),
          what: `an attribution agreement of partnership '${id}' in force from ${command.effectiveFrom}`,
        },
      ];
    case 'EnrolIntervention': {
      const parties = partnershipParties(state);
      return [...new Set(enrolledBenefitYears)].sort().map((financialYear) => ({
        financialYear,
        andLaterYears: false,
        organisationIds: parties,
        what: `enrolling intervention '${command.interventionId}' (with ${financialYear} benefits) in partnership '${id}'`,
      }));
    }
    case 'FormPartnership':
    case 'JoinMember':
    case 'LeaveMember':
      return [];
  }
}
