import { streamIdOf } from '../shared/stream-names';
import { BENEFIT_TYPES } from '../intervention/intervention-vocabulary';
import { FULL_SHARE_BASIS_POINTS } from '../shared/allocation';
import { Decider } from '../shared/decider';
import { conflict, notFound, ruleViolated } from '../shared/domain-error';
import { isFinancialYear } from '../shared/financial-year';
import { PartnershipCommand } from './partnership.commands';
import { PartnershipEvent } from './partnership.events';
import { PartnershipState, currentMember, evolvePartnership, initialPartnershipState } from './partnership.state';
import { upcastPartnershipEvent } from './partnership.upcast';
import { withMoneyCeiling } from '../shared/money-limits';

export const partnershipStreamId = (partnershipId: string) => streamIdOf('partnership', partnershipId);

const isPositiveWhole = (value: number) => Number.isSafeInteger(value) && value >= 1;

function requireFormed(state: PartnershipState): void {
  if (!state.formed) throw notFound('partnership-not-found', 'partnership is not formed');
}

/** The first index at which a value repeats an earlier one, or -1. */
function firstRepeat(values: readonly string[]): number {
  return values.findIndex((v, i) => values.indexOf(v) !== i);
}

function requireFinancialYear(value: string, field: string): void {
  if (!isFinancialYear(value))
    throw ruleViolated(
      'invalid-financial-year',
      `${field} must be a financial year like 2019/20, got '${value}'`,
      field,
    );
}

function decideAgreement(
  command: Extract<PartnershipCommand, { type: 'SetAttributionAgreement' }>,
  state: PartnershipState,
): PartnershipEvent[] {
  const { shares, benefitTypes, effectiveFrom } = command;
  shares.forEach(({ organisationId, basisPoints }, i) => {
    if (!isPositiveWhole(basisPoints)) {
      throw ruleViolated(
        'share-not-positive',
        `shares[${i}].basisPoints must be a positive whole number of basis points, got ${basisPoints}`,
        `shares[${i}].basisPoints`,
      );
    }
    if (!currentMember(state, organisationId)) {
      throw ruleViolated(
        'share-for-non-member',
        `shares[${i}] names organisation '${organisationId}', which is not a current member of this partnership`,
        `shares[${i}].organisationId`,
      );
    }
  });
  const repeated = firstRepeat(shares.map((s) => s.organisationId));
  if (repeated >= 0) {
    throw ruleViolated(
      'duplicate-share',
      `shares[${repeated}] names organisation '${shares[repeated].organisationId}' a second time: one share per member`,
      `shares[${repeated}].organisationId`,
    );
  }
  const total = shares.reduce((sum, s) => sum + s.basisPoints, 0);
  if (total !== FULL_SHARE_BASIS_POINTS) {
    throw ruleViolated(
      'shares-must-sum-to-10000',
      `shares must sum to ${FULL_SHARE_BASIS_POINTS} basis points, got ${total}`,
      'shares',
    );
  }
  if (benefitTypes.length === 0)
    throw ruleViolated('benefit-types-empty', 'benefitTypes must name at least one benefit type', 'benefitTypes');
  benefitTypes.forEach((benefitType, index) => {
    if (!BENEFIT_TYPES.includes(benefitType)) {
      throw ruleViolated(
        'unknown-benefit-type',
        `benefitTypes[${index}] must be one of: ${BENEFIT_TYPES.join(', ')}; got '${benefitType}'`,
        `benefitTypes[${index}]`,
      );
    }
  });
  const repeatedType = firstRepeat(benefitTypes);
  if (repeatedType >= 0) {
    throw ruleViolated(
      'duplicate-benefit-type',
      `benefitTypes[${repeatedType}] repeats '${benefitTypes[repeatedType]}'`,
      `benefitTypes[${repeatedType}]`,
    );
  }
  requireFinancialYear(effectiveFrom, 'effectiveFrom');
  const previous = state.agreements.at(-1);
  // 'YYYY/YY' strings order as the years do
  if (previous && effectiveFrom < previous.effectiveFrom) {
    throw ruleViolated(
      'agreement-effective-before-previous',
      `effectiveFrom ${effectiveFrom} is earlier than version ${previous.version}'s (${previous.effectiveFrom}): a new agreement takes effect from then or later`,
      'effectiveFrom',
    );
  }
  return [
    {
      type: 'AttributionAgreementSet',
      data: {
        version: (previous?.version ?? 0) + 1,
        shares: shares.map(({ organisationId, basisPoints }) => ({ organisationId, basisPoints })),
        benefitTypes: [...benefitTypes],
        effectiveFrom,
      },
    },
  ];
}

function decide(command: PartnershipCommand, state: PartnershipState): PartnershipEvent[] {
  switch (command.type) {
    case 'FormPartnership': {
      if (state.formed)
        throw conflict(
          'partnership-exists',
          `partnership '${command.partnershipId}' is already formed`,
          'partnershipId',
        );
      const { partnershipId, name, members } = command;
      if (members.length === 0)
        throw ruleViolated('partnership-needs-members', 'a partnership is formed with at least one member', 'members');
      const repeated = firstRepeat(members.map((m) => m.organisationId));
      if (repeated >= 0) {
        throw ruleViolated(
          'duplicate-member',
          `members[${repeated}] names organisation '${members[repeated].organisationId}' a second time`,
          `members[${repeated}].organisationId`,
        );
      }
      if (!members.some((m) => m.role === 'lead')) {
        throw ruleViolated(
          'partnership-needs-lead',
          "a partnership needs at least one member with role 'lead'",
          'members',
        );
      }
      return [
        {
          type: 'PartnershipFormed',
          data: { partnershipId, name, members: members.map(({ organisationId, role }) => ({ organisationId, role })) },
        },
      ];
    }
    case 'JoinMember': {
      requireFormed(state);
      const { organisationId, role } = command;
      if (currentMember(state, organisationId)) {
        throw conflict(
          'member-exists',
          `organisation '${organisationId}' is already a member of this partnership`,
          'organisationId',
        );
      }
      return [{ type: 'MemberJoined', data: { organisationId, role } }];
    }
    case 'LeaveMember': {
      requireFormed(state);
      const { organisationId, reason } = command;
      const member = currentMember(state, organisationId);
      if (!member)
        throw ruleViolated(
          'not-a-member',
          `organisation '${organisationId}' is not a current member of this partnership`,
          'organisationId',
        );
      if (member.role === 'lead' && state.members.filter((m) => m.role === 'lead').length === 1) {
        throw ruleViolated(
          'last-lead-cannot-leave',
          `organisation '${organisationId}' is the partnership's last lead: another lead must join before it can leave`,
          'organisationId',
        );
      }
      return [{ type: 'MemberLeft', data: { organisationId, reason } }];
    }
    case 'SetAttributionAgreement':
      requireFormed(state);
      return decideAgreement(command, state);
    case 'EnrolIntervention': {
      requireFormed(state);
      const { interventionId, attributionBasisPoints } = command;
      if (state.enrolments.some((e) => e.interventionId === interventionId)) {
        throw conflict(
          'intervention-already-enrolled',
          `intervention '${interventionId}' is already enrolled in this partnership`,
          'interventionId',
        );
      }
      if (!isPositiveWhole(attributionBasisPoints) || attributionBasisPoints > FULL_SHARE_BASIS_POINTS) {
        throw ruleViolated(
          'enrolment-share-out-of-range',
          `attributionBasisPoints must be a whole number of basis points from 1 to 10000, got ${attributionBasisPoints}`,
          'attributionBasisPoints',
        );
      }
      return [{ type: 'InterventionEnrolled', data: { interventionId, attributionBasisPoints } }];
    }
    case 'RecordPartnershipCost': {
      requireFormed(state);
      const { type: _type, ...data } = command;
      if (state.costs.some((c) => c.costId === data.costId))
        throw conflict('cost-exists', `cost '${data.costId}' is already recorded`, 'costId');
      if (!isPositiveWhole(data.amountPence)) {
        throw ruleViolated(
          'amount-not-positive',
          `amountPence must be a whole number of pence greater than 0, got ${data.amountPence}`,
          'amountPence',
        );
      }
      requireFinancialYear(data.financialYear, 'financialYear');
      if (!currentMember(state, data.bearerOrganisationId)) {
        throw ruleViolated(
          'bearer-not-a-member',
          `bearerOrganisationId names organisation '${data.bearerOrganisationId}', which is not a current member of this partnership`,
          'bearerOrganisationId',
        );
      }
      return [{ type: 'PartnershipCostRecorded', data }];
    }
  }
}

export const partnershipDecider: Decider<PartnershipCommand, PartnershipEvent, PartnershipState> = withMoneyCeiling({
  initialState: initialPartnershipState,
  decide,
  // events written at an earlier schema version are read in today's shape
  evolve: (state, event) => evolvePartnership(state, upcastPartnershipEvent(event)),
});
