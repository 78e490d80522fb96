import { Decision, InterventionEvent, NOTHING_REGISTERED, fold, interventionDecider, unitCostDecider } from '../src';
import { given as givenAny } from './given-when-then';
import {
  FY,
  LANDING,
  LEAD,
  SOURCE,
  cashReleased,
  claimBenefit,
  claimed,
  costRecorded,
  decided,
  harvestCapacity,
  harvested,
  measured,
  oneOfEachCommand,
  recordCost,
  recordDecision,
  recordMeasurement,
  registerIntervention,
  registered,
  reinvestCapacity,
  reinvested,
  rejectBenefit,
  rejected,
  releaseCapacity,
  releaseCash,
  released,
  reviseBenefit,
  revised,
  validateBenefit,
  validated,
} from './intervention.fixtures';
import { unitCostPublished } from './valuation.fixtures';

const given = (...events: InterventionEvent[]) => givenAny(interventionDecider, events);

/**
 * A registered intervention with a capacity benefit of 100 bed-days (bed-days) claimed and validated at £30,000.00
 * (£300.00 a bed-day), and `quantity` of them released (beds-2019).
 */
const withRelease = (quantity = 100): InterventionEvent[] => [
  registered(),
  claimed(),
  validated('bed-days', 3_000_000, 100),
  released({ quantity }),
];

describe('RegisterIntervention', () => {
  it('registers an intervention with its lead organisation, lenses and priorities', () => {
    given()
      .when({
        type: 'RegisterIntervention',
        interventionId: 'frailty-unit',
        title: 'Frailty assessment unit',
        leadOrganisationId: LEAD,
        pathway: null,
        method: 'lean',
        lenses: { economic: true, social: false, strategic: true },
        strategicPriorities: ['flow', 'ageing well'],
      })
      .then([
        {
          type: 'InterventionRegistered',
          data: {
            interventionId: 'frailty-unit',
            title: 'Frailty assessment unit',
            leadOrganisationId: LEAD,
            pathway: null,
            method: 'lean',
            lenses: { economic: true, social: false, strategic: true },
            strategicPriorities: ['flow', 'ageing well'],
          },
        },
      ]);
  });

  it('refuses to register the same intervention twice (conflict)', () => {
    given(registered())
      .when(registerIntervention({ title: 'again' }))
      .thenFails({ kind: 'conflict', rule: 'intervention-exists', field: 'interventionId' });
  });
});

describe('an intervention that is not registered', () => {
  const commands = oneOfEachCommand().filter((c) => c.type !== 'RegisterIntervention');

  it('is named by a test for every other command type', () => {
    expect(commands.map((c) => c.type).sort()).toEqual([
      'ClaimBenefit',
      'HarvestCapacity',
      'RecordBenefitActual',
      'RecordCost',
      'RecordDecision',
      'RecordMeasurement',
      'ReinvestCapacity',
      'RejectBenefit',
      'ReleaseCapacity',
      'ReleaseCash',
      'ReviseBenefit',
      'ValidateBenefit',
    ]);
  });

  it.each(commands.map((c) => [c.type, c] as const))('is not found by %s', (_type, command) => {
    given().when(command).thenFails({ kind: 'not-found', rule: 'intervention-not-found' });
  });
});

describe('RecordDecision: the life cycle', () => {
  it('approves a registered intervention', () => {
    given(registered())
      .when({
        type: 'RecordDecision',
        decision: 'approve',
        rationale: 'business case accepted',
        decidedOn: '2019-04-15',
      })
      .then([
        {
          type: 'InterventionDecisionRecorded',
          data: { decision: 'approve', rationale: 'business case accepted', decidedOn: '2019-04-15' },
        },
      ]);
  });

  /** The events that bring a registered intervention to each status. */
  const reach: Record<string, InterventionEvent[]> = {
    registered: [registered()],
    approved: [registered(), decided('approve')],
    active: [registered(), decided('approve'), decided('start')],
    paused: [registered(), decided('approve'), decided('start'), decided('pause')],
    stopped: [registered(), decided('approve'), decided('stop')],
  };
  /** Design: approve only from registered; start from approved or paused; scale, spread and pause only when active; stop until stopped; close until closed. */
  const allowedFrom: Record<Decision, string[]> = {
    approve: ['registered'],
    start: ['approved', 'paused'],
    scale: ['active'],
    spread: ['active'],
    pause: ['active'],
    stop: ['registered', 'approved', 'active', 'paused'],
    close: ['registered', 'approved', 'active', 'paused', 'stopped'],
  };
  const cases = (Object.keys(allowedFrom) as Decision[]).flatMap((decision) =>
    Object.keys(reach).map((status) => [decision, status, allowedFrom[decision].includes(status)] as const),
  );

  it.each(cases.filter(([, , ok]) => ok))('accepts %s when the intervention is %s', (decision, status) => {
    given(...reach[status])
      .when(recordDecision(decision))
      .then([decided(decision)]);
  });

  it.each(cases.filter(([, , ok]) => !ok))('refuses %s when the intervention is %s', (decision, status) => {
    given(...reach[status])
      .when(recordDecision(decision))
      .thenFails({ kind: 'rule-violated', rule: 'decision-not-allowed', field: 'decision' });
  });

  it('keeps an intervention active after it is scaled and spread', () => {
    given(...reach.active, decided('scale'), decided('spread'))
      .when(recordDecision('pause'))
      .then([decided('pause')]);
  });

  it('restarts a paused intervention', () => {
    given(...reach.paused, decided('start'))
      .when(recordDecision('scale'))
      .then([decided('scale')]);
  });

  it.each(Object.keys(allowedFrom) as Decision[])('refuses %s once the intervention is closed', (decision) => {
    given(registered(), decided('close'))
      .when(recordDecision(decision))
      .thenFails({ kind: 'rule-violated', rule: 'intervention-closed' });
  });
});

describe('RecordCost', () => {
  it('records a cost with its type, bearer, financial year and source', () => {
    given(registered())
      .when({
        type: 'RecordCost',
        costId: 'backfill',
        costType: 'indirect',
        category: 'staff backfill',
        amountPence: 425_000,
        financialYear: '2020/21',
        bearerOrganisationId: LANDING,
        source: SOURCE,
      })
      .then([
        {
          type: 'CostRecorded',
          data: {
            costId: 'backfill',
            costType: 'indirect',
            category: 'staff backfill',
            amountPence: 425_000,
            financialYear: '2020/21',
            bearerOrganisationId: LANDING,
            source: SOURCE,
          },
        },
      ]);
  });

  it('refuses a cost id already recorded (conflict)', () => {
    given(registered(), costRecorded({ costId: 'team' }))
      .when(recordCost({ costId: 'team', amountPence: 1 }))
      .thenFails({ kind: 'conflict', rule: 'cost-exists', field: 'costId' });
  });

  it('refuses a new cost once the intervention is closed', () => {
    given(registered(), decided('close'))
      .when(recordCost())
      .thenFails({ kind: 'rule-violated', rule: 'intervention-closed' });
  });

  it('still records costs after the intervention is stopped (until it is closed)', () => {
    given(registered(), decided('stop')).when(recordCost()).then([costRecorded()]);
  });
});

describe('RecordMeasurement', () => {
  it('records a measurement with its period', () => {
    given(registered())
      .when({
        type: 'RecordMeasurement',
        measurementId: 'los-outcome',
        measure: 'length of stay',
        unit: 'days',
        kind: 'outcome',
        value: 5.25,
        periodStart: '2019-10-01',
        periodEnd: '2019-12-31',
        source: SOURCE,
      })
      .then([
        {
          type: 'MeasurementRecorded',
          data: {
            measurementId: 'los-outcome',
            measure: 'length of stay',
            unit: 'days',
            kind: 'outcome',
            value: 5.25,
            period: { start: '2019-10-01', end: '2019-12-31' },
            source: SOURCE,
          },
        },
      ]);
  });

  it('accepts a period of a single day', () => {
    given(registered())
      .when(recordMeasurement({ periodStart: '2019-10-01', periodEnd: '2019-10-01' }))
      .then([
        {
          ...measured('los-baseline'),
          data: { ...measured('los-baseline').data, period: { start: '2019-10-01', end: '2019-10-01' } },
        },
      ]);
  });

  it('refuses a measurement id already recorded (conflict)', () => {
    given(registered(), measured('los-baseline'))
      .when(recordMeasurement({ measurementId: 'los-baseline' }))
      .thenFails({ kind: 'conflict', rule: 'measurement-exists', field: 'measurementId' });
  });

  it('refuses a period that ends before it starts', () => {
    given(registered())
      .when(recordMeasurement({ periodStart: '2019-10-02', periodEnd: '2019-10-01' }))
      .thenFails({ kind: 'rule-violated', rule: 'period-reversed', field: 'periodEnd' });
  });

  it('refuses a new measurement once the intervention is closed', () => {
    given(registered(), decided('close'))
      .when(recordMeasurement())
      .thenFails({ kind: 'rule-violated', rule: 'intervention-closed' });
  });
});

describe('ClaimBenefit', () => {
  it('claims a benefit evidenced by recorded measurements', () => {
    given(registered(), measured('los-baseline'), measured('los-outcome'))
      .when({
        type: 'ClaimBenefit',
        benefitId: 'bed-days',
        benefitType: 'capacity',
        lens: 'economic',
        description: 'bed-days saved',
        quantity: { value: 1200, unit: 'bed-days' },
        valuation: { method: 'unit-cost', unitCostId: 'nc-xs-bed-day' },
        unitCost: fold(unitCostDecider, [
          unitCostPublished({
            unitCostId: 'nc-xs-bed-day',
            pricePence: 34_500,
            edition: '2019',
            priceYear: FY,
            validFrom: '2019-04-01',
          }),
        ]),
        valuePence: 41_400_000,
        recurrence: 'recurrent',
        financialYear: FY,
        landingOrganisationId: LANDING,
        evidence: ['los-baseline', 'los-outcome'],
        source: SOURCE,
      })
      .then([
        {
          type: 'BenefitClaimed',
          data: {
            benefitId: 'bed-days',
            benefitType: 'capacity',
            lens: 'economic',
            description: 'bed-days saved',
            quantity: { value: 1200, unit: 'bed-days' },
            valuation: {
              method: 'unit-cost',
              unitCostId: 'nc-xs-bed-day',
              unitValuePence: 34_500,
              edition: '2019',
              priceYear: FY,
            },
            valuePence: 41_400_000,
            recurrence: 'recurrent',
            financialYear: FY,
            landingOrganisationId: LANDING,
            evidence: ['los-baseline', 'los-outcome'],
            source: SOURCE,
            register: NOTHING_REGISTERED,
          },
        },
      ]);
  });

  it('refuses a benefit id already claimed (conflict)', () => {
    given(registered(), claimed({ benefitId: 'bed-days' }))
      .when(claimBenefit({ benefitId: 'bed-days' }))
      .thenFails({ kind: 'conflict', rule: 'benefit-exists', field: 'benefitId' });
  });

  it('refuses evidence naming a measurement that was not recorded, naming the position in evidence', () => {
    given(registered(), measured('los-baseline'))
      .when(claimBenefit({ evidence: ['los-baseline', 'los-outcome'] }))
      .thenFails({ kind: 'invalid-reference', rule: 'unknown-reference', field: 'evidence[1]' });
  });

  it('refuses evidence naming a measurement of nothing at all', () => {
    given(registered())
      .when(claimBenefit({ evidence: ['never-measured'] }))
      .thenFails({ kind: 'invalid-reference', rule: 'unknown-reference', field: 'evidence[0]' });
  });

  describe('valuation: value = quantity × unit value, to the penny, when a unit value is given', () => {
    const claimWorth = (quantity: number, unitValuePence: number, valuePence: number) =>
      claimBenefit({
        quantity: { value: quantity, unit: 'hours' },
        valuation: { method: 'unit-cost', unitValuePence },
        valuePence,
      });

    it('accepts a whole quantity at its exact value', () => {
      given(registered())
        .when(claimWorth(1200, 34_500, 41_400_000))
        .then([
          claimed({
            quantity: { value: 1200, unit: 'hours' },
            valuation: { method: 'unit-cost', unitValuePence: 34_500 },
            valuePence: 41_400_000,
          }),
        ]);
    });

    it('accepts a fractional quantity rounded half up to the penny (12.5 × 333p = 4162.5p -> 4163p)', () => {
      given(registered())
        .when(claimWorth(12.5, 333, 4163))
        .then([
          claimed({
            quantity: { value: 12.5, unit: 'hours' },
            valuation: { method: 'unit-cost', unitValuePence: 333 },
            valuePence: 4163,
          }),
        ]);
    });

    it('refuses the value rounded down (12.5 × 333p is not 4162p)', () => {
      given(registered())
        .when(claimWorth(12.5, 333, 4162))
        .thenFails({ kind: 'rule-violated', rule: 'valuation-mismatch', field: 'valuePence' });
    });

    it('computes 0.29 × 50p as exactly 14.5p -> 15p, not as the float 14.4999…', () => {
      given(registered())
        .when(claimWorth(0.29, 50, 15))
        .then([
          claimed({
            quantity: { value: 0.29, unit: 'hours' },
            valuation: { method: 'unit-cost', unitValuePence: 50 },
            valuePence: 15,
          }),
        ]);
      given(registered())
        .when(claimWorth(0.29, 50, 14))
        .thenFails({ kind: 'rule-violated', rule: 'valuation-mismatch', field: 'valuePence' });
    });

    it('refuses a value a penny too high', () => {
      given(registered())
        .when(claimWorth(1200, 34_500, 41_400_001))
        .thenFails({ kind: 'rule-violated', rule: 'valuation-mismatch', field: 'valuePence' });
    });

    it('does not check the value when no unit value is given (e.g. an actual or estimated value)', () => {
      const estimate = claimBenefit({ valuation: { method: 'estimate' }, valuePence: 123_457 });
      given(registered())
        .when(estimate)
        .then([claimed({ valuation: { method: 'estimate' }, valuePence: 123_457 })]);
    });
  });

  it('refuses a new claim once the intervention is closed', () => {
    given(registered(), decided('close'))
      .when(claimBenefit())
      .thenFails({ kind: 'rule-violated', rule: 'intervention-closed' });
  });
});

describe('ReviseBenefit', () => {
  it('revises a claim that is still only claimed', () => {
    given(registered(), claimed())
      .when({
        type: 'ReviseBenefit',
        benefitId: 'bed-days',
        quantity: { value: 80.5, unit: 'bed-days' },
        valuation: { method: 'unit-cost', unitValuePence: 30_001 },
        valuePence: 2_415_081,
        reason: 'recounted',
        source: SOURCE,
      })
      .then([
        {
          type: 'BenefitRevised',
          data: {
            benefitId: 'bed-days',
            quantity: { value: 80.5, unit: 'bed-days' },
            valuation: { method: 'unit-cost', unitValuePence: 30_001 },
            valuePence: 2_415_081,
            reason: 'recounted',
            source: SOURCE,
            register: NOTHING_REGISTERED,
          },
        },
      ]);
  });

  it('revises a claim more than once', () => {
    given(registered(), claimed(), revised('bed-days', 2_000_000))
      .when(
        reviseBenefit({ quantity: { value: 1, unit: 'each' }, valuation: { method: 'actual' }, valuePence: 1_900_000 }),
      )
      .then([revised('bed-days', 1_900_000)]);
  });

  it('refuses to revise a validated benefit', () => {
    given(registered(), claimed(), validated('bed-days', 3_000_000))
      .when(reviseBenefit())
      .thenFails({ kind: 'rule-violated', rule: 'benefit-not-revisable' });
  });

  it('refuses to revise a rejected benefit', () => {
    given(registered(), claimed(), rejected('bed-days'))
      .when(reviseBenefit())
      .thenFails({ kind: 'rule-violated', rule: 'benefit-not-revisable' });
  });

  it('refuses to revise a benefit that was never claimed', () => {
    given(registered())
      .when(reviseBenefit({ benefitId: 'ghost' }))
      .thenFails({ kind: 'not-found', rule: 'benefit-not-found', field: 'benefitId' });
  });

  it('refuses a revision whose value is not quantity × unit value', () => {
    given(registered(), claimed())
      .when(
        reviseBenefit({
          quantity: { value: 80, unit: 'bed-days' },
          valuation: { method: 'unit-cost', unitValuePence: 30_000 },
          valuePence: 2_400_100,
        }),
      )
      .thenFails({ kind: 'rule-violated', rule: 'valuation-mismatch', field: 'valuePence' });
  });
});

describe('ValidateBenefit', () => {
  it('validates a claim at its claimed value', () => {
    given(registered(), claimed({ valuePence: 3_000_000 }))
      .when({
        type: 'ValidateBenefit',
        benefitId: 'bed-days',
        validatedValuePence: 3_000_000,
        note: 'reconciled to PAS',
        source: SOURCE,
      })
      .then([
        {
          type: 'BenefitValidated',
          data: {
            benefitId: 'bed-days',
            validatedValuePence: 3_000_000,
            note: 'reconciled to PAS',
            validatedQuantity: 100,
            source: SOURCE,
          },
        },
      ]);
  });

  it('validates a claim at less than its claimed value, recording the quantity claimed as the quantity validated', () => {
    given(registered(), claimed({ valuePence: 3_000_000 }))
      .when(validateBenefit(2_999_999))
      .then([validated('bed-days', 2_999_999, 100)]);
  });

  it('validates less than the claimed quantity when finance gives one, and not more', () => {
    given(registered(), claimed())
      .when(validateBenefit(2_400_000, 'bed-days', 80))
      .then([validated('bed-days', 2_400_000, 80)]);
    given(registered(), claimed())
      .when(validateBenefit(2_400_000, 'bed-days', 100.01))
      .thenFails({ kind: 'rule-violated', rule: 'validated-quantity-exceeds-claim', field: 'validatedQuantity' });
  });

  it('reads a validation recorded before validations carried a quantity as the quantity claimed (upcast on read)', () => {
    const state = given(
      registered(),
      claimed(),
      revised('bed-days', 2_500_000),
      validated('bed-days', 2_500_000),
    ).state;
    // the revision's quantity (1 each: 100 hundredths) is the one claimed when it was validated
    expect(state.benefits.get('bed-days')).toMatchObject({
      status: 'validated',
      validatedValuePence: 2_500_000,
      quantity: 100,
      validatedQuantity: 100,
    });
  });

  it('refuses to validate more than was claimed', () => {
    given(registered(), claimed({ valuePence: 3_000_000 }))
      .when(validateBenefit(3_000_001))
      .thenFails({ kind: 'rule-violated', rule: 'validation-exceeds-claim', field: 'validatedValuePence' });
  });

  it('measures "more than was claimed" against the revised value', () => {
    const history = [registered(), claimed({ valuePence: 3_000_000 }), revised('bed-days', 2_500_000)];
    given(...history)
      .when(validateBenefit(2_600_000))
      .thenFails({ kind: 'rule-violated', rule: 'validation-exceeds-claim', field: 'validatedValuePence' });
    given(...history)
      .when(validateBenefit(2_500_000))
      .then([validated('bed-days', 2_500_000, 1)]);
  });

  it('refuses to validate a benefit already validated', () => {
    given(registered(), claimed(), validated('bed-days', 1_000))
      .when(validateBenefit(1_000))
      .thenFails({ kind: 'rule-violated', rule: 'benefit-already-decided' });
  });

  it('refuses to validate a rejected benefit', () => {
    given(registered(), claimed(), rejected('bed-days'))
      .when(validateBenefit(1_000))
      .thenFails({ kind: 'rule-violated', rule: 'benefit-already-decided' });
  });

  it('refuses to validate a benefit that was never claimed', () => {
    given(registered())
      .when(validateBenefit(1_000, 'ghost'))
      .thenFails({ kind: 'not-found', rule: 'benefit-not-found', field: 'benefitId' });
  });

  it('still validates claims after the intervention is closed', () => {
    given(registered(), claimed(), decided('close'))
      .when(validateBenefit(1_000))
      .then([validated('bed-days', 1_000, 100)]);
  });
});

describe('RejectBenefit', () => {
  it('rejects a claim with a reason', () => {
    given(registered(), claimed())
      .when({ type: 'RejectBenefit', benefitId: 'bed-days', reason: 'baseline not comparable' })
      .then([{ type: 'BenefitRejected', data: { benefitId: 'bed-days', reason: 'baseline not comparable' } }]);
  });

  it('refuses to reject a benefit already rejected', () => {
    given(registered(), claimed(), rejected('bed-days'))
      .when(rejectBenefit())
      .thenFails({ kind: 'rule-violated', rule: 'benefit-already-decided' });
  });

  it('refuses to reject a benefit already validated', () => {
    given(registered(), claimed(), validated('bed-days', 1_000))
      .when(rejectBenefit())
      .thenFails({ kind: 'rule-violated', rule: 'benefit-already-decided' });
  });

  it('refuses to reject a benefit that was never claimed', () => {
    given(registered())
      .when(rejectBenefit('ghost'))
      .thenFails({ kind: 'not-found', rule: 'benefit-not-found', field: 'benefitId' });
  });
});

describe('ReleaseCapacity', () => {
  it('releases capacity against a validated capacity benefit', () => {
    given(registered(), claimed(), validated('bed-days', 3_000_000, 100))
      .when({
        type: 'ReleaseCapacity',
        releaseId: 'beds-q3',
        benefitId: 'bed-days',
        resource: 'general medical beds',
        quantity: 40.25,
        landingOrganisationId: LANDING,
        financialYear: FY,
        source: SOURCE,
      })
      .then([
        {
          type: 'CapacityReleased',
          data: {
            releaseId: 'beds-q3',
            benefitId: 'bed-days',
            resource: 'general medical beds',
            quantity: 40.25,
            landingOrganisationId: LANDING,
            financialYear: FY,
            source: SOURCE,
          },
        },
      ]);
  });

  it('releases all of the validated quantity, and reads an older validation as validating the quantity claimed', () => {
    given(registered(), claimed(), validated('bed-days', 3_000_000)).when(releaseCapacity()).then([released()]);
  });

  it('refuses a release against a capacity benefit only claimed, naming the rule', () => {
    given(registered(), claimed())
      .when(releaseCapacity())
      .thenFails({ kind: 'rule-violated', rule: 'release-needs-validated-benefit' });
  });

  it('refuses to release more than the validated quantity, over every release of the benefit', () => {
    const validated80 = [registered(), claimed(), validated('bed-days', 2_400_000, 80)];
    given(...validated80)
      .when(releaseCapacity({ quantity: 80.01 }))
      .thenFails({ kind: 'rule-violated', rule: 'release-exceeds-validated-quantity', field: 'quantity' });
    given(...validated80, released({ quantity: 50 }))
      .when(releaseCapacity({ releaseId: 'beds-2020', quantity: 30.01 }))
      .thenFails({ kind: 'rule-violated', rule: 'release-exceeds-validated-quantity', field: 'quantity' });
    given(...validated80, released({ quantity: 50 }))
      .when(releaseCapacity({ releaseId: 'beds-2020', quantity: 30 }))
      .then([released({ releaseId: 'beds-2020', quantity: 30 })]);
  });

  it('refuses the over-release of the issue: 99,999 bed-days against a 5,000 bed-day benefit', () => {
    const benefit = claimed({ quantity: { value: 5_000, unit: 'bed-days' }, valuePence: 150_000_000 });
    given(registered(), benefit, validated('bed-days', 150_000_000, 5_000))
      .when(releaseCapacity({ quantity: 99_999 }))
      .thenFails({ kind: 'rule-violated', rule: 'release-exceeds-validated-quantity', field: 'quantity' });
  });

  it('refuses a release id already recorded (conflict)', () => {
    given(...withRelease())
      .when(releaseCapacity({ quantity: 1 }))
      .thenFails({ kind: 'conflict', rule: 'release-exists', field: 'releaseId' });
  });

  it('refuses a release naming a benefit that was never claimed', () => {
    given(registered())
      .when(releaseCapacity({ benefitId: 'ghost' }))
      .thenFails({ kind: 'invalid-reference', rule: 'unknown-reference', field: 'benefitId' });
  });

  it('refuses a release against a benefit that is not a capacity benefit', () => {
    given(registered(), claimed({ benefitId: 'agency', benefitType: 'cash-releasing' }))
      .when(releaseCapacity({ benefitId: 'agency' }))
      .thenFails({ kind: 'rule-violated', rule: 'release-needs-capacity-benefit', field: 'benefitId' });
  });

  it('refuses a release against a rejected capacity benefit', () => {
    given(registered(), claimed(), rejected('bed-days'))
      .when(releaseCapacity())
      .thenFails({ kind: 'rule-violated', rule: 'release-of-rejected-benefit', field: 'benefitId' });
  });

  it('refuses to release nothing', () => {
    given(registered(), claimed())
      .when(releaseCapacity({ quantity: 0 }))
      .thenFails({ kind: 'rule-violated', rule: 'quantity-not-positive', field: 'quantity' });
  });
});

describe('HarvestCapacity', () => {
  it('harvests released capacity as a cash release', () => {
    given(...withRelease(100))
      .when({
        type: 'HarvestCapacity',
        releaseId: 'beds-2019',
        harvest: 'cash-release',
        quantity: 60,
        rationale: 'ward 12 closed',
        source: SOURCE,
      })
      .then([
        {
          type: 'CapacityHarvested',
          data: {
            releaseId: 'beds-2019',
            harvest: 'cash-release',
            quantity: 60,
            rationale: 'ward 12 closed',
            source: SOURCE,
          },
        },
      ]);
  });

  it('harvests the whole release across cash release, reinvestment and leaving it unharvested', () => {
    given(...withRelease(100), harvested('cash-release', 60), harvested('reinvest', 30))
      .when(harvestCapacity('unharvested', 10))
      .then([harvested('unharvested', 10)]);
  });

  it('refuses to harvest more than was released', () => {
    given(...withRelease(100))
      .when(harvestCapacity('reinvest', 100.01))
      .thenFails({ kind: 'rule-violated', rule: 'harvest-exceeds-release', field: 'quantity' });
  });

  it('counts every kind of harvest against the release', () => {
    given(...withRelease(100), harvested('cash-release', 60), harvested('reinvest', 30), harvested('unharvested', 9.99))
      .when(harvestCapacity('cash-release', 0.02))
      .thenFails({ kind: 'rule-violated', rule: 'harvest-exceeds-release', field: 'quantity' });
  });

  it('accepts fractional harvests that add up to exactly the release (0.1 + 0.2 = 0.3)', () => {
    given(...withRelease(0.3), harvested('cash-release', 0.1))
      .when(harvestCapacity('reinvest', 0.2))
      .then([harvested('reinvest', 0.2)]);
  });

  it('refuses even a hundredth more once fractional harvests have used the release exactly', () => {
    given(...withRelease(0.3), harvested('cash-release', 0.1), harvested('reinvest', 0.2))
      .when(harvestCapacity('unharvested', 0.01))
      .thenFails({ kind: 'rule-violated', rule: 'harvest-exceeds-release', field: 'quantity' });
  });

  it('accepts ten harvests of 0.1 against a release of 1 (the tenth included)', () => {
    const nine = Array.from({ length: 9 }, () => harvested('unharvested', 0.1));
    given(...withRelease(1), ...nine)
      .when(harvestCapacity('unharvested', 0.1))
      .then([harvested('unharvested', 0.1)]);
    given(...withRelease(1), ...nine, harvested('unharvested', 0.1))
      .when(harvestCapacity('unharvested', 0.1))
      .thenFails({ kind: 'rule-violated', rule: 'harvest-exceeds-release', field: 'quantity' });
  });

  it('refuses to harvest nothing', () => {
    given(...withRelease())
      .when(harvestCapacity('cash-release', 0))
      .thenFails({ kind: 'rule-violated', rule: 'quantity-not-positive', field: 'quantity' });
  });

  it('refuses to harvest a release that was never recorded', () => {
    given(registered(), claimed())
      .when(harvestCapacity('cash-release', 1, 'ghost'))
      .thenFails({ kind: 'not-found', rule: 'release-not-found', field: 'releaseId' });
  });

  it('keeps each release to its own quantity', () => {
    const twoReleases = [
      ...withRelease(10),
      released({ releaseId: 'beds-2020', quantity: 5 }),
      harvested('cash-release', 10, 'beds-2019'),
    ];
    given(...twoReleases)
      .when(harvestCapacity('cash-release', 0.01, 'beds-2019'))
      .thenFails({ kind: 'rule-violated', rule: 'harvest-exceeds-release', field: 'quantity' });
    given(...twoReleases)
      .when(harvestCapacity('cash-release', 5, 'beds-2020'))
      .then([harvested('cash-release', 5, 'beds-2020')]);
  });
});

describe('ReleaseCash', () => {
  it('releases cash from capacity harvested as a cash release, up to the harvest at its validated unit value', () => {
    // 40 bed-days at £300.00 (validated £30,000.00 for 100) are worth £12,000.00
    given(...withRelease(), harvested('cash-release', 40))
      .when({
        type: 'ReleaseCash',
        releaseId: 'beds-2019',
        amountPence: 1_200_000,
        budgetLine: 'ward 12 nursing establishment',
        source: SOURCE,
      })
      .then([
        {
          type: 'CashReleased',
          data: {
            releaseId: 'beds-2019',
            amountPence: 1_200_000,
            budgetLine: 'ward 12 nursing establishment',
            source: SOURCE,
          },
        },
      ]);
  });

  it('refuses cash beyond the cash-release harvest at its validated unit value, counting cash already released', () => {
    given(...withRelease(), harvested('cash-release', 40))
      .when(releaseCash(1_200_001))
      .thenFails({ kind: 'rule-violated', rule: 'cash-exceeds-harvest-value', field: 'amountPence' });
    given(...withRelease(), harvested('cash-release', 40), cashReleased(1_000_000))
      .when(releaseCash(200_001))
      .thenFails({ kind: 'rule-violated', rule: 'cash-exceeds-harvest-value', field: 'amountPence' });
    given(...withRelease(), harvested('cash-release', 40), cashReleased(1_000_000))
      .when(releaseCash(200_000))
      .then([cashReleased(200_000)]);
  });

  it('refuses the cash release of the issue: £999,000,000 from a harvest of 500 bed-days', () => {
    const benefit = claimed({ quantity: { value: 5_000, unit: 'bed-days' }, valuePence: 150_000_000 });
    given(
      registered(),
      benefit,
      validated('bed-days', 150_000_000, 5_000),
      released({ quantity: 5_000 }),
      harvested('cash-release', 500),
    )
      .when(releaseCash(99_900_000_000))
      .thenFails({ kind: 'rule-violated', rule: 'cash-exceeds-harvest-value', field: 'amountPence' });
  });

  it('rounds the unit value down: 1 of 3 units validated at £1.00 is worth 33p, not 34p', () => {
    const third = [
      registered(),
      claimed({ quantity: { value: 3, unit: 'sessions' }, valuePence: 100 }),
      validated('bed-days', 100, 3),
      released({ quantity: 3 }),
      harvested('cash-release', 1),
    ];
    given(...third)
      .when(releaseCash(34))
      .thenFails({ kind: 'rule-violated', rule: 'cash-exceeds-harvest-value', field: 'amountPence' });
    given(...third)
      .when(releaseCash(33))
      .then([cashReleased(33)]);
  });

  it('refuses cash from a release whose benefit was never validated (a release recorded before releases needed one)', () => {
    given(registered(), claimed(), released(), harvested('cash-release', 40))
      .when(releaseCash(1_000))
      .thenFails({ kind: 'rule-violated', rule: 'cash-needs-validated-benefit' });
  });

  it('refuses cash when no capacity was harvested at all', () => {
    given(...withRelease())
      .when(releaseCash(1_000))
      .thenFails({ kind: 'rule-violated', rule: 'cash-needs-cash-harvest' });
  });

  it('refuses cash when the capacity was harvested only for reinvestment or left unharvested', () => {
    given(...withRelease(), harvested('reinvest', 50), harvested('unharvested', 50))
      .when(releaseCash(1_000))
      .thenFails({ kind: 'rule-violated', rule: 'cash-needs-cash-harvest' });
  });

  it('refuses to release no cash', () => {
    given(...withRelease(), harvested('cash-release', 40))
      .when(releaseCash(0))
      .thenFails({ kind: 'rule-violated', rule: 'amount-not-positive', field: 'amountPence' });
  });

  it('adds every cash release to the release it came from', () => {
    const state = given(
      ...withRelease(),
      harvested('cash-release', 40),
      cashReleased(13_800_000),
      cashReleased(200_000),
    ).state;
    expect(state.releases.get('beds-2019')).toMatchObject({
      released: 10_000,
      harvested: { 'cash-release': 4_000, reinvest: 0, unharvested: 0 },
      cashReleasedPence: 14_000_000,
    });
  });

  it('refuses cash from a release that was never recorded', () => {
    given(registered())
      .when(releaseCash(1_000, 'ghost'))
      .thenFails({ kind: 'not-found', rule: 'release-not-found', field: 'releaseId' });
  });
});

describe('ReinvestCapacity', () => {
  it('reinvests capacity harvested for reinvestment', () => {
    given(...withRelease(), harvested('reinvest', 30))
      .when({
        type: 'ReinvestCapacity',
        releaseId: 'beds-2019',
        quantity: 30,
        into: { description: 'elective recovery', organisationId: LEAD },
        valuePence: 900_000,
        source: SOURCE,
      })
      .then([
        {
          type: 'CapacityReinvested',
          data: {
            releaseId: 'beds-2019',
            quantity: 30,
            into: { description: 'elective recovery', organisationId: LEAD },
            valuePence: 900_000,
            source: SOURCE,
          },
        },
      ]);
  });

  it('refuses a reinvestment recording more value than its quantity at the validated unit value', () => {
    given(...withRelease(), harvested('reinvest', 30))
      .when({ ...reinvestCapacity(30), valuePence: 900_001 })
      .thenFails({ kind: 'rule-violated', rule: 'reinvestment-value-exceeds-validated', field: 'valuePence' });
    given(...withRelease(), harvested('reinvest', 30))
      .when({ ...reinvestCapacity(10), valuePence: 250_000 })
      .then([{ ...reinvested(10), data: { ...reinvested(10).data, valuePence: 250_000 } }]);
  });

  it('reinvests with no value recorded from a release whose benefit was never validated, but records no value for it', () => {
    const unvalidated = [registered(), claimed(), released(), harvested('reinvest', 30)];
    given(...unvalidated)
      .when(reinvestCapacity(10))
      .then([reinvested(10)]);
    given(...unvalidated)
      .when({ ...reinvestCapacity(10), valuePence: 1 })
      .thenFails({ kind: 'rule-violated', rule: 'reinvestment-value-needs-validated-benefit' });
  });

  it('refuses to reinvest more than was harvested for reinvestment', () => {
    given(...withRelease(), harvested('reinvest', 30))
      .when(reinvestCapacity(30.01))
      .thenFails({ kind: 'rule-violated', rule: 'reinvestment-exceeds-harvest', field: 'quantity' });
  });

  it('counts earlier reinvestments against the harvest', () => {
    const history = [...withRelease(), harvested('reinvest', 5), reinvested(3)];
    given(...history)
      .when(reinvestCapacity(2.01))
      .thenFails({ kind: 'rule-violated', rule: 'reinvestment-exceeds-harvest', field: 'quantity' });
    given(...history)
      .when(reinvestCapacity(2))
      .then([reinvested(2)]);
  });

  it('does not count capacity harvested as cash or left unharvested as available to reinvest', () => {
    given(...withRelease(), harvested('cash-release', 50), harvested('unharvested', 50))
      .when(reinvestCapacity(1))
      .thenFails({ kind: 'rule-violated', rule: 'reinvestment-exceeds-harvest', field: 'quantity' });
  });

  it('refuses to reinvest nothing', () => {
    given(...withRelease(), harvested('reinvest', 5))
      .when(reinvestCapacity(0))
      .thenFails({ kind: 'rule-violated', rule: 'quantity-not-positive', field: 'quantity' });
  });

  it('refuses to reinvest from a release that was never recorded', () => {
    given(registered())
      .when(reinvestCapacity(1, 'ghost'))
      .thenFails({ kind: 'not-found', rule: 'release-not-found', field: 'releaseId' });
  });
});
