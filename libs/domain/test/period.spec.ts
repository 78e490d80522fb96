import {
  ClosePeriod,
  ClosedPeriod,
  PeriodClosed,
  PeriodEffect,
  PeriodScope,
  PeriodSeal,
  closeScopeOf,
  fold,
  interventionDecider,
  interventionPeriodEffects,
  partnershipPeriodEffects,
  periodDecider,
  refuseInterventionCommand,
  refusePeriodClose,
  restatementsFor,
  yearsAffected,
} from '../src';
import { given } from './given-when-then';
import {
  ELSEWHERE,
  FY,
  LANDING,
  LEAD,
  actor,
  claimBenefit,
  claimed,
  costRecorded,
  harvestCapacity,
  oneOfEachCommand,
  recordCost,
  recordDecision,
  registered,
  released,
  validateBenefit,
} from './intervention.fixtures';

const SEAL: PeriodSeal = { algorithm: 'test', position: 41, streamCount: 3, root: 'ab'.repeat(32), heads: [] };
/** 1 April 2020 00:00 in the UK (BST) is 31 March 23:00 UTC. */
const YEAR_END = new Date('2020-03-31T23:00:00.000Z');
const close = (scope: PeriodScope, over: Partial<ClosePeriod> = {}): ClosePeriod => ({
  type: 'ClosePeriod',
  financialYear: FY,
  scope,
  note: null,
  now: YEAR_END,
  seal: SEAL,
  ...over,
});
const closed = (scope: PeriodScope): PeriodClosed => ({
  type: 'PeriodClosed',
  data: { financialYear: FY, scope, note: null, closedAt: YEAR_END.toISOString(), seal: SEAL },
});

describe('closing a financial year (period decider)', () => {
  it('closes a year from 1 April UK time, carrying the seal it is given', () => {
    given(periodDecider)
      .when(close({ organisationId: LEAD }, { note: 'accounts signed' }))
      .then([
        {
          type: 'PeriodClosed',
          data: {
            financialYear: FY,
            scope: { organisationId: LEAD },
            note: 'accounts signed',
            closedAt: '2020-03-31T23:00:00.000Z',
            seal: SEAL,
          },
        },
      ]);
  });

  it('refuses a year that has not ended, to the second', () => {
    given(periodDecider)
      .when(close('system', { now: new Date(YEAR_END.getTime() - 1000) }))
      .thenFails({ kind: 'rule-violated', rule: 'period-not-ended' });
  });

  it('refuses the same scope twice, and an organisation once the whole system is closed', () => {
    given(periodDecider, [closed({ organisationId: LEAD })])
      .when(close({ organisationId: LEAD }))
      .thenFails({ kind: 'conflict', rule: 'period-already-closed' });
    given(periodDecider, [closed('system')])
      .when(close({ organisationId: LEAD }))
      .thenFails({ kind: 'conflict', rule: 'period-already-closed' });
    given(periodDecider, [closed('system')])
      .when(close('system'))
      .thenFails({ kind: 'conflict', rule: 'period-already-closed' });
  });

  it('lets other organisations, then the whole system, close after one organisation', () => {
    const after = [closed({ organisationId: LEAD })];
    given(periodDecider, after)
      .when(close({ organisationId: LANDING }))
      .then([closed({ organisationId: LANDING })]);
    given(periodDecider, after)
      .when(close('system'))
      .then([closed('system')]);
    expect(fold(periodDecider, [...after, closed('system')]).closedScopes).toEqual([
      { organisationId: LEAD },
      'system',
    ]);
  });

  it('refuses a malformed year', () => {
    given(periodDecider)
      .when(close('system', { financialYear: '2019/21' }))
      .thenFails({ kind: 'rule-violated', rule: 'invalid-financial-year', field: 'financialYear' });
  });
});

describe('who closes what (period access)', () => {
  it('lets an admin close the whole system and finance its own organisation, and nobody else', () => {
    expect(closeScopeOf(actor('admin', LEAD))).toBe('system');
    expect(closeScopeOf(actor('finance', LEAD))).toEqual({ organisationId: LEAD });
    expect(refusePeriodClose(actor('admin', LEAD), 'system')).toBeNull();
    expect(refusePeriodClose(actor('finance', LEAD), { organisationId: LEAD })).toBeNull();
    expect(refusePeriodClose(actor('finance', LEAD), { organisationId: LANDING })).toMatch(/own organisation only/);
    expect(refusePeriodClose(actor('finance', LEAD), 'system')).toMatch(/admin only/);
    expect(refusePeriodClose(actor('admin', LEAD), { organisationId: LEAD })).toMatch(
      /finance of that organisation only/,
    );
    for (const role of ['contributor', 'auditor', 'partnership-lead'] as const) {
      expect(refusePeriodClose(actor(role, LEAD), { organisationId: LEAD })).toMatch(/cannot close a year/);
    }
  });
});

describe('the period lock (pure policy)', () => {
  const effect = (over: Partial<PeriodEffect> = {}): PeriodEffect => ({
    financialYear: FY,
    andLaterYears: false,
    organisationIds: [LEAD, LANDING],
    what: 'a 2019/20 cost of intervention x',
    ...over,
  });
  const closeOf = (scope: PeriodScope, financialYear = FY, position = 42): ClosedPeriod => ({
    financialYear,
    scope,
    closedAt: '2020-05-01T09:00:00.000Z',
    position,
    sealPosition: position - 1,
    root: 'cd'.repeat(32),
  });
  const changes = [{ eventId: 'e-1', type: 'CostRecorded' }];

  it('lets a change through when no close covers it', () => {
    expect(restatementsFor([effect()], [closeOf({ organisationId: ELSEWHERE })], undefined, changes)).toEqual([]);
    expect(restatementsFor([effect()], [closeOf('system', '2020/21')], undefined, changes)).toEqual([]);
    expect(restatementsFor([], [closeOf('system')], undefined, changes)).toEqual([]);
  });

  it('refuses a change to figures a close covers, naming the year, the scope and the close', () => {
    for (const scope of ['system', { organisationId: LANDING }] as PeriodScope[]) {
      expect(() => restatementsFor([effect()], [closeOf(scope)], undefined, changes)).toThrow(
        expect.objectContaining({
          kind: 'rule-violated',
          rule: 'period-closed',
          message: expect.stringMatching(
            /^2019\/20 is closed for .*PeriodClosed at position 42.*a 2019\/20 cost of intervention x/,
          ),
        }),
      );
    }
  });

  it('turns a restatement into one RestatementRecorded per closed year, listing the closes, the organisations and the change', () => {
    const closes = [
      closeOf({ organisationId: LEAD }, FY, 10),
      closeOf('system', FY, 20),
      closeOf('system', '2020/21', 30),
    ];
    const events = restatementsFor([effect({ andLaterYears: true })], closes, { reason: 'late invoice' }, changes);
    expect(events).toEqual([
      {
        type: 'RestatementRecorded',
        data: {
          financialYear: FY,
          reason: 'late invoice',
          organisationIds: [LEAD, LANDING],
          changes,
          closes: [
            { scope: { organisationId: LEAD }, position: 10, sealPosition: 9, root: 'cd'.repeat(32) },
            { scope: 'system', position: 20, sealPosition: 19, root: 'cd'.repeat(32) },
          ],
        },
      },
      {
        type: 'RestatementRecorded',
        data: {
          financialYear: '2020/21',
          reason: 'late invoice',
          organisationIds: [LEAD, LANDING],
          changes,
          closes: [{ scope: 'system', position: 30, sealPosition: 29, root: 'cd'.repeat(32) }],
        },
      },
    ]);
  });

  it('refuses a restatement where nothing closed changes', () => {
    expect(() => restatementsFor([effect()], [], { reason: 'r' }, changes)).toThrow(
      expect.objectContaining({ rule: 'restatement-not-needed', field: 'restatement' }),
    );
    expect(() => restatementsFor([], [closeOf('system')], { reason: 'r' }, changes)).toThrow(
      expect.objectContaining({ rule: 'restatement-not-needed' }),
    );
  });

  it('reads the years an effect reaches: its own, and every later one up to now for an agreement in force from then on', () => {
    expect(yearsAffected([effect()], '2024/25')).toEqual([FY]);
    expect(yearsAffected([effect({ financialYear: '2021/22', andLaterYears: true }), effect()], '2024/25')).toEqual([
      FY,
      '2021/22',
      '2022/23',
      '2023/24',
      '2024/25',
    ]);
  });
});

describe('what an intervention command changes (period effects)', () => {
  const history = [
    registered(),
    costRecorded({ bearerOrganisationId: ELSEWHERE }),
    claimed({ financialYear: '2018/19' }),
    released({ financialYear: '2020/21' }),
  ];
  const state = fold(interventionDecider, history);
  const yearOf = (command: Parameters<typeof interventionPeriodEffects>[0]) =>
    interventionPeriodEffects(command, state).map((e) => e.financialYear);

  it('dates each change by its business year: its own, its benefit’s or its release’s', () => {
    expect(yearOf(recordCost({ financialYear: '2021/22' }))).toEqual(['2021/22']);
    expect(yearOf(claimBenefit({ benefitId: 'new', financialYear: '2022/23' }))).toEqual(['2022/23']);
    expect(yearOf(validateBenefit(1))).toEqual(['2018/19']);
    expect(yearOf(harvestCapacity('unharvested', 1))).toEqual(['2020/21']);
    expect(yearOf(recordDecision('approve'))).toEqual([]);
  });

  it('names every organisation whose figures the intervention touches: lead, bearers, where it lands, and any the command names', () => {
    const [cost] = interventionPeriodEffects(recordCost({ bearerOrganisationId: 'icb' }), state);
    expect(cost.organisationIds).toEqual([LEAD, 'icb', LANDING, ELSEWHERE].sort());
    expect(cost.what).toBe("a 2019/20 cost of intervention 'frailty-unit'");
  });

  it('judges every command type (registration, decisions and measurements change no figure)', () => {
    const changing = oneOfEachCommand()
      .filter(
        (c) => interventionPeriodEffects(c, fold(interventionDecider, [...history, claimed(), released()])).length > 0,
      )
      .map((c) => c.type);
    expect(changing).toEqual([
      'RecordCost',
      'ClaimBenefit',
      'ReviseBenefit',
      'ValidateBenefit',
      'RejectBenefit',
      'ReleaseCapacity',
      'HarvestCapacity',
      'ReleaseCash',
      'ReinvestCapacity',
    ]);
  });
});

describe('what a partnership command changes (period effects)', () => {
  const state = {
    formed: true,
    partnershipId: 'p',
    name: 'P',
    members: [{ organisationId: LEAD, role: 'lead' as const }],
    formerMembers: [{ organisationId: ELSEWHERE, role: 'member' as const, reason: 'left' }],
    agreements: [
      {
        version: 1,
        shares: [{ organisationId: LEAD, basisPoints: 10_000 }],
        benefitTypes: ['capacity' as const],
        effectiveFrom: FY,
      },
    ],
    enrolments: [],
    costs: [],
  };

  it('dates an agreement from its first year onwards, an enrolment by its intervention’s benefit years, a cost by its own', () => {
    expect(
      partnershipPeriodEffects(
        {
          type: 'SetAttributionAgreement',
          shares: [{ organisationId: LANDING, basisPoints: 10_000 }],
          benefitTypes: ['capacity'],
          effectiveFrom: '2020/21',
        },
        state,
      ),
    ).toEqual([
      {
        financialYear: '2020/21',
        andLaterYears: true,
        organisationIds: [LEAD, LANDING, ELSEWHERE].sort(),
        what: "an attribution agreement of partnership 'p' in force from 2020/21",
      },
    ]);
    expect(
      partnershipPeriodEffects({ type: 'EnrolIntervention', interventionId: 'i', attributionBasisPoints: 1 }, state, [
        '2020/21',
        FY,
        FY,
      ]).map((e) => e.financialYear),
    ).toEqual([FY, '2020/21']);
    expect(
      partnershipPeriodEffects(
        {
          type: 'RecordPartnershipCost',
          costId: 'c',
          costType: 'direct',
          category: 'x',
          amountPence: 1,
          financialYear: FY,
          bearerOrganisationId: LEAD,
          source: { system: 's', reference: 'r' },
        },
        state,
      ).map((e) => [e.financialYear, e.andLaterYears]),
    ).toEqual([[FY, false]]);
    expect(partnershipPeriodEffects({ type: 'JoinMember', organisationId: LANDING, role: 'member' }, state)).toEqual(
      [],
    );
  });
});

describe('who may restate (intervention access)', () => {
  const state = fold(interventionDecider, [registered(), claimed(), released()]);

  it('lets finance of the organisation that records a change restate it, standing in for the contributor', () => {
    expect(refuseInterventionCommand(actor('finance', LEAD), claimBenefit({ benefitId: 'x' }), state)).toMatch(
      /contributor only/,
    );
    expect(refuseInterventionCommand(actor('finance', LEAD), claimBenefit({ benefitId: 'x' }), state, true)).toBeNull();
    expect(
      refuseInterventionCommand(actor('finance', LANDING), harvestCapacity('unharvested', 1), state, true),
    ).toBeNull();
    expect(
      refuseInterventionCommand(actor('finance', ELSEWHERE), claimBenefit({ benefitId: 'x' }), state, true),
    ).toMatch(/led by its own organisation/);
  });

  it('refuses a restatement by anyone but finance', () => {
    for (const role of ['contributor', 'admin', 'partnership-lead'] as const) {
      expect(refuseInterventionCommand(actor(role, LEAD), recordCost(), state, true)).toMatch(/recorded by finance/);
    }
    expect(refuseInterventionCommand(actor('auditor', LEAD), recordCost(), state, true)).toMatch(/auditors/);
  });
});
