import fc from 'fast-check';
import {
  InterventionEvent,
  discountProfile,
  forecastYears,
  interventionDecider,
  planAgainstActual,
  refuseInterventionCommand,
} from '../src';
import { given as givenAny } from './given-when-then';
import {
  ELSEWHERE,
  FY,
  LANDING,
  LEAD,
  SOURCE,
  actor,
  claimed,
  recordActual,
  registered,
  rejected,
  validated,
} from './intervention.fixtures';

const given = (...events: InterventionEvent[]) => givenAny(interventionDecider, events);

/** A bed-days benefit forecast over three years (2019/20 to 2021/22), validated by finance. */
const threeYears = claimed({
  valuation: { method: 'actual' },
  valuePence: 3_000_000,
  profile: discountProfile(FY, 3_000_000, {
    followingYears: [
      { financialYear: '2020/21', valuePence: 3_000_000 },
      { financialYear: '2021/22', valuePence: 2_000_000 },
    ],
    discounting: { schedule: 'standard', optimismBiasBasisPoints: 0 },
  }),
});
const validatedProfile = [registered(), threeYears, validated('bed-days', 3_000_000, 100)];

describe('RecordBenefitActual', () => {
  it('records what arrived in a year the validated benefit forecast', () => {
    given(...validatedProfile)
      .when(recordActual({ financialYear: '2020/21' }))
      .then([
        {
          type: 'BenefitActualRecorded',
          data: {
            benefitId: 'bed-days',
            financialYear: '2020/21',
            valuePence: 2_700_000,
            quantity: { value: 90, unit: 'bed-days' },
            source: SOURCE,
          },
        },
      ]);
  });

  it('refuses a benefit not yet validated (422)', () => {
    given(registered(), threeYears)
      .when(recordActual())
      .thenFails({ kind: 'rule-violated', rule: 'actual-needs-validated-benefit', field: 'benefitId' });
  });

  it('refuses a rejected benefit (422)', () => {
    given(registered(), threeYears, rejected('bed-days'))
      .when(recordActual())
      .thenFails({ kind: 'rule-violated', rule: 'actual-of-rejected-benefit', field: 'benefitId' });
  });

  it('refuses a year the benefit did not forecast (422, naming financialYear)', () => {
    given(...validatedProfile)
      .when(recordActual({ financialYear: '2022/23' }))
      .thenFails({ kind: 'rule-violated', rule: 'actual-outside-forecast', field: 'financialYear' });
  });

  it("refuses a quantity in another unit than the benefit's (422)", () => {
    given(...validatedProfile)
      .when(recordActual({ quantity: { value: 90, unit: 'hours' } }))
      .thenFails({ kind: 'rule-violated', rule: 'actual-unit-mismatch', field: 'quantity.unit' });
  });

  it('refuses a second actual for the same year (409)', () => {
    const [first] = interventionDecider.decide(recordActual(), given(...validatedProfile).state);
    given(...validatedProfile, first)
      .when(recordActual())
      .thenFails({ kind: 'conflict', rule: 'actual-exists', field: 'financialYear' });
  });

  it('answers 404 for a benefit never claimed', () => {
    given(...validatedProfile)
      .when(recordActual({ benefitId: 'ghost' }))
      .thenFails({ kind: 'not-found', rule: 'benefit-not-found', field: 'benefitId' });
  });
});

describe('who records actuals', () => {
  const state = given(...validatedProfile).state;
  it('is finance of the landing organisation only', () => {
    expect(refuseInterventionCommand(actor('finance', LANDING), recordActual(), state)).toBeNull();
    expect(refuseInterventionCommand(actor('finance', LEAD), recordActual(), state)).toMatch(/landing|lands/);
    expect(refuseInterventionCommand(actor('finance', ELSEWHERE), recordActual(), state)).toMatch(/lands/);
    expect(refuseInterventionCommand(actor('contributor', LANDING), recordActual(), state)).toMatch(/finance only/);
    expect(refuseInterventionCommand(actor('auditor', LANDING), recordActual(), state)).toMatch(/auditors/);
  });
});

describe('plan against actual', () => {
  const forecast = forecastYears({
    financialYear: FY,
    valuePence: 3_000_000,
    profile: threeYears.data.profile ?? null,
  });

  it('forecasts each year of the profile, undiscounted', () => {
    expect(forecast).toEqual([
      { financialYear: '2019/20', valuePence: 3_000_000 },
      { financialYear: '2020/21', valuePence: 3_000_000 },
      { financialYear: '2021/22', valuePence: 2_000_000 },
    ]);
  });

  it('shows variance per year and flags a year below 80% of forecast and a due year with nothing recorded', () => {
    const plan = planAgainstActual(
      forecast,
      [
        { financialYear: '2019/20', valuePence: 2_900_000 },
        { financialYear: '2020/21', valuePence: 2_000_000 },
      ],
      8000,
      '2021/22',
    );
    expect(plan.years.map((y) => [y.financialYear, y.actualPence, y.variancePence, y.flag])).toEqual([
      ['2019/20', 2_900_000, -100_000, null],
      ['2020/21', 2_000_000, -1_000_000, 'below-threshold'],
      ['2021/22', null, -2_000_000, 'not-recorded'],
    ]);
    expect(plan).toMatchObject({
      forecastPence: 8_000_000,
      actualPence: 4_900_000,
      variancePence: -3_100_000,
      flagged: true,
    });
  });

  it('does not flag a year not yet due, and a year exactly at the threshold is not below it', () => {
    const plan = planAgainstActual(forecast, [{ financialYear: '2019/20', valuePence: 2_400_000 }], 8000, '2019/20');
    expect(plan.years.map((y) => y.flag)).toEqual([null, null, null]);
    expect(plan.flagged).toBe(false);
  });

  it('adds up to the penny: variance = actual − forecast, per year and in total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1_000_000_000), fc.option(fc.nat(1_000_000_000), { nil: null })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 10_000 }),
        (rows, threshold) => {
          const years = rows.map(([valuePence], i) => ({
            financialYear: `${2000 + i}/${String((i + 1) % 100).padStart(2, '0')}`,
            valuePence,
          }));
          const actuals = rows.flatMap(([, actual], i) =>
            actual === null ? [] : [{ financialYear: years[i].financialYear, valuePence: actual }],
          );
          const plan = planAgainstActual(years, actuals, threshold, null);
          expect(plan.variancePence).toBe(plan.years.reduce((sum, y) => sum + y.variancePence, 0));
          expect(plan.actualPence - plan.forecastPence).toBe(plan.variancePence);
          for (const y of plan.years)
            expect(y.flag === 'below-threshold').toBe(
              y.actualPence !== null && y.actualPence * 10_000 < y.forecastPence * threshold,
            );
        },
      ),
    );
  });
});
