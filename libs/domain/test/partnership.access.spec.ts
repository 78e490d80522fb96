import {
  Actor,
  PartnershipCommand,
  PartnershipEvent,
  Role,
  canReadPartnership,
  fold,
  partnershipDecider,
  refusePartnershipCommand,
} from '../src';

const actor = (role: Role, organisationId: string): Actor => ({
  userId: `${role}@${organisationId}`,
  role,
  organisationId,
});
const given = (...events: PartnershipEvent[]) => fold(partnershipDecider, events);

/** acute leads; institute is a partner; icb was a member and left. */
const formed: PartnershipEvent = {
  type: 'PartnershipFormed',
  data: {
    partnershipId: 'p-1',
    name: 'P',
    members: [
      { organisationId: 'acute', role: 'lead' },
      { organisationId: 'institute', role: 'partner' },
      { organisationId: 'icb', role: 'member' },
    ],
  },
};
const state = given(formed, { type: 'MemberLeft', data: { organisationId: 'icb', reason: 'x' } });

const form: PartnershipCommand = {
  type: 'FormPartnership',
  partnershipId: 'p-2',
  name: 'P2',
  members: [
    { organisationId: 'acute', role: 'lead' },
    { organisationId: 'institute', role: 'partner' },
  ],
};
const managing: PartnershipCommand[] = [
  { type: 'JoinMember', organisationId: 'gp', role: 'member' },
  { type: 'LeaveMember', organisationId: 'institute', reason: 'x' },
  {
    type: 'SetAttributionAgreement',
    shares: [{ organisationId: 'acute', basisPoints: 10000 }],
    benefitTypes: ['capacity'],
    effectiveFrom: '2019/20',
  },
  { type: 'EnrolIntervention', interventionId: 'i-1', attributionBasisPoints: 10000 },
  {
    type: 'RecordPartnershipCost',
    costId: 'c',
    costType: 'direct',
    category: 'coaching',
    amountPence: 1,
    financialYear: '2019/20',
    bearerOrganisationId: 'acute',
    source: { system: 's', reference: 'r' },
  },
];

describe('partnership access', () => {
  describe('writing', () => {
    it.each([...managing, form].map((c) => [c.type, c] as const))(
      'only a partnership-lead may %s: others get a reason',
      (_type, command) => {
        for (const role of ['admin', 'contributor', 'finance'] as const) {
          expect(refusePartnershipCommand(actor(role, 'acute'), command, state)).toBe(
            `role '${role}' cannot do ${command.type} (partnership-lead only)`,
          );
        }
        expect(refusePartnershipCommand(actor('auditor', 'acute'), command, state)).toBe(
          'auditors read and trace; they cannot record anything',
        );
      },
    );

    it('lets a partnership-lead form a partnership only with its own organisation as a lead member', () => {
      expect(refusePartnershipCommand(actor('partnership-lead', 'acute'), form, given())).toBeNull();
      for (const organisationId of ['institute', 'gp']) {
        expect(refusePartnershipCommand(actor('partnership-lead', organisationId), form, given())).toBe(
          "a partnership-lead forms only partnerships in which its own organisation is a member with role 'lead'",
        );
      }
    });

    it.each(managing.map((c) => [c.type, c] as const))(
      'lets a partnership-lead %s only while its organisation is a current lead',
      (_type, command) => {
        expect(refusePartnershipCommand(actor('partnership-lead', 'acute'), command, state)).toBeNull();
        for (const organisationId of ['institute', 'icb', 'gp']) {
          expect(refusePartnershipCommand(actor('partnership-lead', organisationId), command, state)).toBe(
            "a partnership-lead manages only partnerships in which its own organisation is a current 'lead' member",
          );
        }
      },
    );

    it('stops a lead that has left from managing the partnership, and lets a lead that joined later manage it', () => {
      const later = given(
        formed,
        { type: 'MemberJoined', data: { organisationId: 'gp', role: 'lead' } },
        { type: 'MemberLeft', data: { organisationId: 'acute', reason: 'x' } },
      );
      expect(refusePartnershipCommand(actor('partnership-lead', 'gp'), managing[0], later)).toBeNull();
      expect(refusePartnershipCommand(actor('partnership-lead', 'acute'), managing[0], later)).toMatch(
        /current 'lead' member/,
      );
    });
  });

  describe('reading', () => {
    it('lets auditors and admins read every partnership', () => {
      expect(canReadPartnership(actor('auditor', 'gp'), state)).toBe(true);
      expect(canReadPartnership(actor('admin', 'gp'), state)).toBe(true);
    });

    it('lets any other role read only partnerships its organisation is or was a member of', () => {
      for (const role of ['contributor', 'finance', 'partnership-lead'] as const) {
        expect(canReadPartnership(actor(role, 'acute'), state)).toBe(true);
        expect(canReadPartnership(actor(role, 'institute'), state)).toBe(true);
        expect(canReadPartnership(actor(role, 'icb'), state)).toBe(true); // a former member
        expect(canReadPartnership(actor(role, 'gp'), state)).toBe(false);
      }
    });
  });
});
