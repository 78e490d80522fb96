import fc from 'fast-check';
import {
  DomainErrorKind,
  PartnershipCommand,
  PartnershipEvent,
  partnershipDecider,
  partnershipInterventionReference,
  partnershipOrganisationReferences,
  upcastPartnershipEvent,
} from '../src';
import { given as givenAny } from './given-when-then';

/** given (events so far) / when (a command) / then (the events decided) or thenRefuses (kind, rule, the message in words, field). */
function given(...history: PartnershipEvent[]) {
  const g = givenAny(partnershipDecider, history);
  return {
    state: g.state,
    when: (command: PartnershipCommand) => ({
      then: (...expected: PartnershipEvent[]) => g.when(command).then(expected),
      thenRefuses: (kind: DomainErrorKind, rule: string, message: string | RegExp, field?: string) => {
        g.when(command).thenFails({ kind, rule, ...(field === undefined ? {} : { field }) });
        expect(() => partnershipDecider.decide(command, g.state)).toThrow(message);
      },
    }),
  };
}

const source = { system: 'ledger', reference: 'GL-1' };
const formed: PartnershipEvent = {
  type: 'PartnershipFormed',
  data: {
    partnershipId: 'p-1',
    name: 'Riverside and Lean Care',
    members: [
      { organisationId: 'acute', role: 'lead' },
      { organisationId: 'institute', role: 'partner' },
      { organisationId: 'icb', role: 'member' },
    ],
  },
};
const joined = (organisationId: string, role: 'lead' | 'member' | 'partner' = 'member'): PartnershipEvent => ({
  type: 'MemberJoined',
  data: { organisationId, role },
});
const left = (organisationId: string): PartnershipEvent => ({
  type: 'MemberLeft',
  data: { organisationId, reason: 'programme ended for them' },
});
const agreement = (over: Partial<Extract<PartnershipCommand, { type: 'SetAttributionAgreement' }>> = {}) => ({
  type: 'SetAttributionAgreement' as const,
  shares: [
    { organisationId: 'acute', basisPoints: 6000 },
    { organisationId: 'institute', basisPoints: 2500 },
    { organisationId: 'icb', basisPoints: 1500 },
  ],
  benefitTypes: ['capacity' as const, 'cash-releasing' as const],
  effectiveFrom: '2019/20',
  ...over,
});
const agreementSet = (version: number, effectiveFrom = '2019/20'): PartnershipEvent => {
  const { type: _type, ...data } = agreement({ effectiveFrom });
  return { type: 'AttributionAgreementSet', data: { version, ...data } };
};
const cost = (over: Record<string, unknown> = {}) => ({
  type: 'RecordPartnershipCost' as const,
  costId: 'coaching',
  costType: 'direct' as const,
  category: 'coaching',
  amountPence: 2_400_000,
  financialYear: '2019/20',
  bearerOrganisationId: 'acute',
  source,
  ...over,
});

describe('partnership decider', () => {
  describe('FormPartnership', () => {
    const form = (members: { organisationId: string; role: 'lead' | 'member' | 'partner' }[]): PartnershipCommand => ({
      type: 'FormPartnership',
      partnershipId: 'p-1',
      name: 'Riverside and Lean Care',
      members,
    });

    it('forms a partnership with its members', () => {
      given().when(form(formed.data.members)).then(formed);
    });

    it('allows more than one lead', () => {
      const members = [
        { organisationId: 'a', role: 'lead' as const },
        { organisationId: 'b', role: 'lead' as const },
      ];
      given()
        .when(form(members))
        .then({ type: 'PartnershipFormed', data: { partnershipId: 'p-1', name: 'Riverside and Lean Care', members } });
    });

    it('refuses forming twice (409)', () => {
      given(formed)
        .when(form([{ organisationId: 'a', role: 'lead' }]))
        .thenRefuses('conflict', 'partnership-exists', "partnership 'p-1' is already formed", 'partnershipId');
    });

    it('refuses no members, no lead, and a member named twice', () => {
      given()
        .when(form([]))
        .thenRefuses('rule-violated', 'partnership-needs-members', 'at least one member', 'members');
      given()
        .when(
          form([
            { organisationId: 'a', role: 'member' },
            { organisationId: 'b', role: 'partner' },
          ]),
        )
        .thenRefuses('rule-violated', 'partnership-needs-lead', "at least one member with role 'lead'", 'members');
      given()
        .when(
          form([
            { organisationId: 'a', role: 'lead' },
            { organisationId: 'b', role: 'member' },
            { organisationId: 'a', role: 'partner' },
          ]),
        )
        .thenRefuses(
          'rule-violated',
          'duplicate-member',
          "members[2] names organisation 'a' a second time",
          'members[2].organisationId',
        );
    });
  });

  describe('before the partnership is formed', () => {
    it.each<PartnershipCommand>([
      { type: 'JoinMember', organisationId: 'x', role: 'member' },
      { type: 'LeaveMember', organisationId: 'acute', reason: 'x' },
      agreement(),
      { type: 'EnrolIntervention', interventionId: 'i-1', attributionBasisPoints: 10000 },
      cost(),
    ])('answers not found to $type', (command) => {
      given().when(command).thenRefuses('not-found', 'partnership-not-found', 'partnership is not formed');
    });
  });

  describe('JoinMember and LeaveMember', () => {
    it('lets an organisation join, and a former member rejoin', () => {
      given(formed).when({ type: 'JoinMember', organisationId: 'gp', role: 'partner' }).then(joined('gp', 'partner'));
      given(formed, left('icb'))
        .when({ type: 'JoinMember', organisationId: 'icb', role: 'lead' })
        .then(joined('icb', 'lead'));
    });

    it('refuses joining an organisation that is already a current member (409)', () => {
      given(formed)
        .when({ type: 'JoinMember', organisationId: 'institute', role: 'lead' })
        .thenRefuses('conflict', 'member-exists', "organisation 'institute' is already a member", 'organisationId');
    });

    it('lets a member leave, with the reason', () => {
      given(formed)
        .when({ type: 'LeaveMember', organisationId: 'icb', reason: 'funding ended' })
        .then({ type: 'MemberLeft', data: { organisationId: 'icb', reason: 'funding ended' } });
    });

    it('refuses a leaver that is not a current member (never joined, or already left)', () => {
      given(formed)
        .when({ type: 'LeaveMember', organisationId: 'gp', reason: 'x' })
        .thenRefuses('rule-violated', 'not-a-member', "organisation 'gp' is not a current member", 'organisationId');
      given(formed, left('icb'))
        .when({ type: 'LeaveMember', organisationId: 'icb', reason: 'x' })
        .thenRefuses('rule-violated', 'not-a-member', "organisation 'icb' is not a current member");
    });

    it('refuses the last lead leaving, but lets a lead leave while another lead remains', () => {
      given(formed)
        .when({ type: 'LeaveMember', organisationId: 'acute', reason: 'x' })
        .thenRefuses(
          'rule-violated',
          'last-lead-cannot-leave',
          "organisation 'acute' is the partnership's last lead",
          'organisationId',
        );
      given(formed, joined('icb-2', 'lead'))
        .when({ type: 'LeaveMember', organisationId: 'acute', reason: 'handover' })
        .then({ type: 'MemberLeft', data: { organisationId: 'acute', reason: 'handover' } });
    });
  });

  describe('SetAttributionAgreement', () => {
    it('sets version 1, then numbers each later agreement one higher', () => {
      given(formed).when(agreement()).then(agreementSet(1));
      given(formed, agreementSet(1))
        .when(agreement({ effectiveFrom: '2020/21' }))
        .then(agreementSet(2, '2020/21'));
      given(formed, agreementSet(1), agreementSet(2, '2020/21'))
        .when(agreement({ effectiveFrom: '2020/21' }))
        .then(agreementSet(3, '2020/21'));
    });

    it('refuses shares that do not sum to exactly 10000, saying what they sum to', () => {
      const shares = [
        { organisationId: 'acute', basisPoints: 6000 },
        { organisationId: 'institute', basisPoints: 3999 },
      ];
      given(formed)
        .when(agreement({ shares }))
        .thenRefuses(
          'rule-violated',
          'shares-must-sum-to-10000',
          'shares must sum to 10000 basis points, got 9999',
          'shares',
        );
      given(formed)
        .when(agreement({ shares: [] }))
        .thenRefuses('rule-violated', 'shares-must-sum-to-10000', 'got 0');
      given(formed)
        .when(
          agreement({
            shares: [
              { organisationId: 'acute', basisPoints: 10000 },
              { organisationId: 'icb', basisPoints: 1 },
            ],
          }),
        )
        .thenRefuses('rule-violated', 'shares-must-sum-to-10000', 'got 10001');
    });

    it('refuses shares that are not positive whole basis points', () => {
      for (const basisPoints of [0, -100, 2500.5, Number.NaN]) {
        const shares = [
          { organisationId: 'acute', basisPoints },
          { organisationId: 'institute', basisPoints: 10000 - basisPoints },
        ];
        given(formed)
          .when(agreement({ shares }))
          .thenRefuses(
            'rule-violated',
            'share-not-positive',
            /^shares\[[01]\]\.basisPoints must be a positive whole number of basis points, got/,
          );
      }
    });

    it('refuses a share for an organisation that is not a current member, or named twice', () => {
      given(formed)
        .when(
          agreement({
            shares: [
              { organisationId: 'acute', basisPoints: 5000 },
              { organisationId: 'gp', basisPoints: 5000 },
            ],
          }),
        )
        .thenRefuses(
          'rule-violated',
          'share-for-non-member',
          "shares[1] names organisation 'gp', which is not a current member",
          'shares[1].organisationId',
        );
      given(formed, left('icb'))
        .when(agreement())
        .thenRefuses(
          'rule-violated',
          'share-for-non-member',
          "shares[2] names organisation 'icb'",
          'shares[2].organisationId',
        );
      given(formed)
        .when(
          agreement({
            shares: [
              { organisationId: 'acute', basisPoints: 5000 },
              { organisationId: 'acute', basisPoints: 5000 },
            ],
          }),
        )
        .thenRefuses(
          'rule-violated',
          'duplicate-share',
          "shares[1] names organisation 'acute' a second time",
          'shares[1].organisationId',
        );
    });

    it('refuses no benefit types, a repeated one and an unknown one', () => {
      given(formed)
        .when(agreement({ benefitTypes: [] }))
        .thenRefuses('rule-violated', 'benefit-types-empty', 'at least one benefit type', 'benefitTypes');
      given(formed)
        .when(agreement({ benefitTypes: ['capacity', 'workforce', 'capacity'] }))
        .thenRefuses(
          'rule-violated',
          'duplicate-benefit-type',
          "benefitTypes[2] repeats 'capacity'",
          'benefitTypes[2]',
        );
      given(formed)
        .when(agreement({ benefitTypes: ['capacity', 'happiness' as never] }))
        .thenRefuses(
          'rule-violated',
          'unknown-benefit-type',
          'benefitTypes[1] must be one of: cash-releasing, capacity',
          'benefitTypes[1]',
        );
    });

    it('refuses a malformed financial year and one earlier than the previous agreement', () => {
      given(formed)
        .when(agreement({ effectiveFrom: '2019/21' }))
        .thenRefuses(
          'rule-violated',
          'invalid-financial-year',
          'effectiveFrom must be a financial year',
          'effectiveFrom',
        );
      given(formed, agreementSet(1, '2020/21'))
        .when(agreement({ effectiveFrom: '2019/20' }))
        .thenRefuses(
          'rule-violated',
          'agreement-effective-before-previous',
          "effectiveFrom 2019/20 is earlier than version 1's (2020/21)",
          'effectiveFrom',
        );
    });

    it('accepts shares of distinct current members exactly when they sum to 10000 (property)', () => {
      const members = ['a', 'b', 'c', 'd', 'e'];
      const state = given({
        type: 'PartnershipFormed',
        data: {
          partnershipId: 'p',
          name: 'n',
          members: members.map((organisationId) => ({ organisationId, role: 'lead' as const })),
        },
      }).state;
      // cut 10000 into up to five positive parts, then move the total off 10000 by `offset`
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: members.length - 1 }),
          fc.integer({ min: -2, max: 2 }),
          (cuts, offset) => {
            const bounds = [0, ...[...cuts].sort((a, b) => a - b), 10000];
            const points = bounds.slice(1).map((b, i) => b - bounds[i]);
            fc.pre(points[0] + offset >= 1);
            points[0] += offset;
            const shares = points.map((basisPoints, i) => ({ organisationId: members[i], basisPoints }));
            const decide = () => partnershipDecider.decide(agreement({ shares }), state);
            if (offset === 0)
              expect(decide()).toEqual([
                { type: 'AttributionAgreementSet', data: expect.objectContaining({ version: 1, shares }) },
              ]);
            else expect(decide).toThrow(`shares must sum to 10000 basis points, got ${10000 + offset}`);
          },
        ),
      );
    });
  });

  describe('EnrolIntervention', () => {
    it('enrols an intervention at a share from 1 to 10000 basis points', () => {
      for (const attributionBasisPoints of [1, 5000, 10000]) {
        given(formed)
          .when({ type: 'EnrolIntervention', interventionId: 'i-1', attributionBasisPoints })
          .then({ type: 'InterventionEnrolled', data: { interventionId: 'i-1', attributionBasisPoints } });
      }
    });

    it('refuses a share outside 1..10000 or not whole', () => {
      for (const attributionBasisPoints of [0, -1, 10001, 99.5]) {
        given(formed)
          .when({ type: 'EnrolIntervention', interventionId: 'i-1', attributionBasisPoints })
          .thenRefuses(
            'rule-violated',
            'enrolment-share-out-of-range',
            `attributionBasisPoints must be a whole number of basis points from 1 to 10000, got ${attributionBasisPoints}`,
            'attributionBasisPoints',
          );
      }
    });

    it('refuses enrolling an intervention twice (409)', () => {
      given(formed, { type: 'InterventionEnrolled', data: { interventionId: 'i-1', attributionBasisPoints: 5000 } })
        .when({ type: 'EnrolIntervention', interventionId: 'i-1', attributionBasisPoints: 10000 })
        .thenRefuses(
          'conflict',
          'intervention-already-enrolled',
          "intervention 'i-1' is already enrolled",
          'interventionId',
        );
    });
  });

  describe('RecordPartnershipCost', () => {
    it('records a cost borne by a current member', () => {
      const { type: _type, ...data } = cost({ bearerOrganisationId: 'icb', amountPence: 600_000 });
      given(formed)
        .when(cost({ bearerOrganisationId: 'icb', amountPence: 600_000 }))
        .then({ type: 'PartnershipCostRecorded', data });
    });

    it('refuses a bearer that is not a current member, a zero amount and a cost id already used', () => {
      given(formed, left('icb'))
        .when(cost({ bearerOrganisationId: 'icb' }))
        .thenRefuses(
          'rule-violated',
          'bearer-not-a-member',
          "bearerOrganisationId names organisation 'icb', which is not a current member",
          'bearerOrganisationId',
        );
      given(formed)
        .when(cost({ amountPence: 0 }))
        .thenRefuses(
          'rule-violated',
          'amount-not-positive',
          'amountPence must be a whole number of pence greater than 0, got 0',
          'amountPence',
        );
      const { type: _type, ...data } = cost();
      given(formed, { type: 'PartnershipCostRecorded', data })
        .when(cost({ amountPence: 1 }))
        .thenRefuses('conflict', 'cost-exists', "cost 'coaching' is already recorded", 'costId');
    });
  });

  describe('cost types (schema version 2), and costs recorded before them', () => {
    it('records an indirect cost as indirect', () => {
      const { type: _type, ...data } = cost({ costId: 'faculty', costType: 'indirect' });
      given(formed)
        .when(cost({ costId: 'faculty', costType: 'indirect' }))
        .then({ type: 'PartnershipCostRecorded', data });
    });

    it('reads a cost recorded before costs were typed as direct, leaving the stored event as it was', () => {
      const { type: _type, costType: _costType, ...untyped } = cost();
      const stored = { type: 'PartnershipCostRecorded' as const, data: untyped as never };
      const frozen = JSON.stringify(stored);
      expect(given(formed, stored).state.costs).toEqual([
        expect.objectContaining({ costId: 'coaching', costType: 'direct' }),
      ]);
      expect(upcastPartnershipEvent(stored).data).toMatchObject({ costType: 'direct' });
      expect(JSON.stringify(stored)).toBe(frozen);
    });
  });

  describe('evolve', () => {
    it('keeps current and former members, agreements by version, enrolments and costs', () => {
      const { type: _type, ...costData } = cost();
      const { state } = given(
        formed,
        agreementSet(1),
        left('icb'),
        joined('gp', 'partner'),
        agreementSet(2, '2020/21'),
        { type: 'InterventionEnrolled', data: { interventionId: 'i-1', attributionBasisPoints: 5000 } },
        { type: 'PartnershipCostRecorded', data: costData },
      );
      expect(state).toMatchObject({
        formed: true,
        partnershipId: 'p-1',
        name: 'Riverside and Lean Care',
        members: [
          { organisationId: 'acute', role: 'lead' },
          { organisationId: 'institute', role: 'partner' },
          { organisationId: 'gp', role: 'partner' },
        ],
        formerMembers: [{ organisationId: 'icb', role: 'member', reason: 'programme ended for them' }],
        enrolments: [{ interventionId: 'i-1', attributionBasisPoints: 5000 }],
        costs: [{ costId: 'coaching', amountPence: 2_400_000, bearerOrganisationId: 'acute' }],
      });
      expect(state.agreements.map((a) => [a.version, a.effectiveFrom])).toEqual([
        [1, '2019/20'],
        [2, '2020/21'],
      ]);
    });
  });

  describe('references checked at the edge', () => {
    it('names each referenced organisation with its field, and the enrolled intervention', () => {
      expect(
        partnershipOrganisationReferences({
          type: 'FormPartnership',
          partnershipId: 'p',
          name: 'n',
          members: formed.data.members,
        }),
      ).toEqual([
        { field: 'members[0].organisationId', organisationId: 'acute' },
        { field: 'members[1].organisationId', organisationId: 'institute' },
        { field: 'members[2].organisationId', organisationId: 'icb' },
      ]);
      expect(partnershipOrganisationReferences(agreement()).map((r) => r.field)).toEqual([
        'shares[0].organisationId',
        'shares[1].organisationId',
        'shares[2].organisationId',
      ]);
      expect(partnershipOrganisationReferences(cost())).toEqual([
        { field: 'bearerOrganisationId', organisationId: 'acute' },
      ]);
      expect(partnershipOrganisationReferences({ type: 'JoinMember', organisationId: 'gp', role: 'member' })).toEqual([
        { field: 'organisationId', organisationId: 'gp' },
      ]);
      expect(partnershipOrganisationReferences({ type: 'LeaveMember', organisationId: 'gp', reason: 'x' })).toEqual([]);
      expect(
        partnershipInterventionReference({
          type: 'EnrolIntervention',
          interventionId: 'i-1',
          attributionBasisPoints: 1,
        }),
      ).toEqual({ field: 'interventionId', interventionId: 'i-1' });
      expect(partnershipInterventionReference(cost())).toBeNull();
    });
  });
});
