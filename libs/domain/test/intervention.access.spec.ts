import {
  InterventionCommand,
  InterventionState,
  ROLES,
  fold,
  interventionDecider,
  refuseInterventionCommand,
} from '../src';
import {
  ELSEWHERE,
  LANDING,
  LEAD,
  actor,
  claimBenefit,
  claimed,
  harvestCapacity,
  harvested,
  oneOfEachCommand,
  recordCost,
  recordDecision,
  recordMeasurement,
  registerIntervention,
  registered,
  reinvestCapacity,
  rejectBenefit,
  releaseCapacity,
  releaseCash,
  released,
  reviseBenefit,
  validateBenefit,
} from './intervention.fixtures';

/**
 * An intervention led by LEAD whose capacity benefit (bed-days) lands at LANDING, with 100 bed-days released
 * at LANDING (beds-2019) and some harvested for cash and for reinvestment.
 */
const state: InterventionState = fold(interventionDecider, [
  registered(),
  claimed(),
  released(),
  harvested('cash-release', 40),
  harvested('reinvest', 30),
]);

/** Why the actor is refused, or null when allowed. */
const refusal = (role: (typeof ROLES)[number], organisationId: string, command: InterventionCommand, s = state) =>
  refuseInterventionCommand(actor(role, organisationId), command, s);

const isRefused = expect.any(String);

describe('a contributor', () => {
  it('registers interventions its own organisation leads', () => {
    expect(
      refusal(
        'contributor',
        LEAD,
        registerIntervention({ leadOrganisationId: LEAD }),
        interventionDecider.initialState,
      ),
    ).toBeNull();
  });

  it('cannot register an intervention led by another organisation', () => {
    expect(
      refusal(
        'contributor',
        ELSEWHERE,
        registerIntervention({ leadOrganisationId: LEAD }),
        interventionDecider.initialState,
      ),
    ).toEqual(isRefused);
  });

  const leadRecords: InterventionCommand[] = [
    recordDecision('approve'),
    recordCost(),
    recordMeasurement(),
    claimBenefit({ benefitId: 'readmissions' }),
    reviseBenefit(),
    releaseCapacity({ releaseId: 'beds-2020' }),
  ];

  it.each(leadRecords.map((c) => [c.type, c] as const))(
    'records %s for an intervention its organisation leads',
    (_type, command) => {
      expect(refusal('contributor', LEAD, command)).toBeNull();
    },
  );

  it.each(leadRecords.map((c) => [c.type, c] as const))(
    'cannot record %s for an intervention another organisation leads',
    (_type, command) => {
      expect(refusal('contributor', ELSEWHERE, command)).toEqual(isRefused);
      // not even the organisation the benefits land at
      expect(refusal('contributor', LANDING, command)).toEqual(isRefused);
    },
  );

  it.each([validateBenefit(1_000), rejectBenefit()].map((c) => [c.type, c] as const))(
    'cannot %s, even of its own intervention (finance only)',
    (_type, command) => {
      expect(refusal('contributor', LEAD, command)).toEqual(expect.stringContaining('finance only'));
    },
  );

  const capacityDecisions: InterventionCommand[] = [
    harvestCapacity('unharvested', 10),
    releaseCash(1_000),
    reinvestCapacity(10),
  ];

  it.each(capacityDecisions.map((c) => [c.type, c] as const))(
    'takes the capacity decision %s for capacity that landed at its organisation',
    (_type, command) => {
      expect(refusal('contributor', LANDING, command)).toBeNull();
    },
  );

  it.each(capacityDecisions.map((c) => [c.type, c] as const))(
    'cannot take the capacity decision %s for capacity that landed elsewhere, even as the lead',
    (_type, command) => {
      expect(refusal('contributor', LEAD, command)).toEqual(expect.stringContaining('where the capacity landed'));
      expect(refusal('contributor', ELSEWHERE, command)).toEqual(isRefused);
    },
  );
});

describe('finance', () => {
  it.each([validateBenefit(1_000), rejectBenefit()].map((c) => [c.type, c] as const))(
    'may %s a benefit of an intervention its organisation leads',
    (_type, command) => {
      expect(refusal('finance', LEAD, command)).toBeNull();
    },
  );

  it.each([validateBenefit(1_000), rejectBenefit()].map((c) => [c.type, c] as const))(
    'may %s a benefit that lands at its organisation',
    (_type, command) => {
      expect(refusal('finance', LANDING, command)).toBeNull();
    },
  );

  it.each([validateBenefit(1_000), rejectBenefit()].map((c) => [c.type, c] as const))(
    'cannot %s a benefit neither led by nor landing at its organisation',
    (_type, command) => {
      expect(refusal('finance', ELSEWHERE, command)).toEqual(expect.stringContaining('finance validates only'));
    },
  );

  it('leaves a benefit that was never claimed to the decider (which answers not found)', () => {
    expect(refusal('finance', ELSEWHERE, validateBenefit(1_000, 'ghost'))).toBeNull();
  });

  it('records costs for an intervention its organisation leads, but not for another', () => {
    expect(refusal('finance', LEAD, recordCost())).toBeNull();
    expect(refusal('finance', LANDING, recordCost())).toEqual(isRefused);
  });

  it('takes capacity decisions only for capacity that landed at its organisation', () => {
    for (const command of [harvestCapacity('cash-release', 10), releaseCash(1_000), reinvestCapacity(10)]) {
      expect(refusal('finance', LANDING, command)).toBeNull();
      expect(refusal('finance', LEAD, command)).toEqual(isRefused);
    }
  });

  it('leaves a release that was never recorded to the decider (which answers not found)', () => {
    expect(refusal('finance', ELSEWHERE, harvestCapacity('cash-release', 1, 'ghost'))).toBeNull();
  });

  it.each(
    [
      recordDecision('approve'),
      recordMeasurement(),
      claimBenefit({ benefitId: 'readmissions' }),
      reviseBenefit(),
      releaseCapacity({ releaseId: 'beds-2020' }),
    ].map((c) => [c.type, c] as const),
  )('cannot record %s, even for its own intervention (contributor only)', (_type, command) => {
    expect(refusal('finance', LEAD, command)).toEqual(expect.stringContaining('contributor only'));
  });
});

describe('an auditor', () => {
  it.each(oneOfEachCommand().map((c) => [c.type, c] as const))(
    'never writes, not even %s for its own organisation',
    (_type, command) => {
      for (const organisationId of [LEAD, LANDING]) {
        expect(refusal('auditor', organisationId, command)).toEqual(expect.stringContaining('auditors read and trace'));
      }
    },
  );
});

describe('an admin', () => {
  it.each(oneOfEachCommand().map((c) => [c.type, c] as const))(
    'cannot record the intervention fact %s',
    (_type, command) => {
      for (const organisationId of [LEAD, LANDING])
        expect(refusal('admin', organisationId, command)).toEqual(isRefused);
    },
  );
});

describe('a partnership lead', () => {
  it.each(oneOfEachCommand().map((c) => [c.type, c] as const))(
    'cannot record the intervention fact %s',
    (_type, command) => {
      for (const organisationId of [LEAD, LANDING])
        expect(refusal('partnership-lead', organisationId, command)).toEqual(isRefused);
    },
  );
});
