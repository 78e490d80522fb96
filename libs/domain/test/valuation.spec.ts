import fc from 'fast-check';
import {
  GREEN_BOOK_RATE_BASIS_POINTS,
  InterventionEvent,
  interventionValue,
  UnitCostEvent,
  discountProfile,
  editionInForce,
  interventionDecider,
  presentValue,
  NOTHING_REGISTERED,
  refuseUnitCostCommand,
  unitCostDecider,
} from '../src';
import { given as givenAny } from './given-when-then';
import { FY, actor, claimBenefit, claimed, registered, reviseBenefit, validated } from './intervention.fixtures';
import { catalogue, publishUnitCost, unitCostPublished } from './valuation.fixtures';

const givenCatalogue = (...events: UnitCostEvent[]) => givenAny(unitCostDecider, events);
const givenIntervention = (...events: InterventionEvent[]) => givenAny(interventionDecider, events);

describe('PublishUnitCost: the valuation catalogue', () => {
  it('publishes the first edition of a unit cost', () => {
    givenCatalogue().when(publishUnitCost()).then([unitCostPublished()]);
  });

  it('publishes a later edition of the same resource and unit', () => {
    givenCatalogue(unitCostPublished())
      .when(publishUnitCost({ edition: 'NCC-2020', pricePence: 35_900, priceYear: '2020/21', validFrom: '2020-04-01' }))
      .then([
        unitCostPublished({ edition: 'NCC-2020', pricePence: 35_900, priceYear: '2020/21', validFrom: '2020-04-01' }),
      ]);
  });

  it('refuses an edition name already used (conflict)', () => {
    givenCatalogue(unitCostPublished())
      .when(publishUnitCost({ validFrom: '2020-04-01' }))
      .thenFails({ kind: 'conflict', rule: 'edition-exists', field: 'edition' });
  });

  it('refuses an edition that is not valid later than the latest one', () => {
    givenCatalogue(unitCostPublished())
      .when(publishUnitCost({ edition: 'NCC-2018', validFrom: '2018-04-01' }))
      .thenFails({ kind: 'rule-violated', rule: 'edition-not-later', field: 'validFrom' });
    givenCatalogue(unitCostPublished())
      .when(publishUnitCost({ edition: 'NCC-2019b', validFrom: '2019-04-01' }))
      .thenFails({ kind: 'rule-violated', rule: 'edition-not-later', field: 'validFrom' });
  });

  it('refuses a new edition that changes what is priced', () => {
    givenCatalogue(unitCostPublished())
      .when(publishUnitCost({ edition: 'NCC-2020', validFrom: '2020-04-01', unit: 'hour' }))
      .thenFails({ kind: 'rule-violated', rule: 'unit-cost-identity-changed', field: 'unit' });
    givenCatalogue(unitCostPublished())
      .when(publishUnitCost({ edition: 'NCC-2020', validFrom: '2020-04-01', resource: 'theatre session' }))
      .thenFails({ kind: 'rule-violated', rule: 'unit-cost-identity-changed', field: 'resource' });
  });

  it('refuses a price of nothing', () => {
    givenCatalogue()
      .when(publishUnitCost({ pricePence: 0 }))
      .thenFails({ kind: 'rule-violated', rule: 'price-not-positive', field: 'pricePence' });
  });

  it('is published by finance and admins; contributors and auditors are refused', () => {
    expect(refuseUnitCostCommand(actor('finance', 'acute-trust'))).toBeNull();
    expect(refuseUnitCostCommand(actor('admin', 'icb'))).toBeNull();
    expect(refuseUnitCostCommand(actor('contributor', 'acute-trust'))).toMatch(/finance or admin only/);
    expect(refuseUnitCostCommand(actor('partnership-lead', 'acute-trust'))).toMatch(/finance or admin only/);
    expect(refuseUnitCostCommand(actor('auditor', 'icb'))).toMatch(/auditors read/);
  });
});

describe('editionInForce: the latest edition valid on or before 1 April of the year', () => {
  const entry = catalogue(
    unitCostPublished({ edition: 'A', validFrom: '2018-04-01', pricePence: 100 }),
    unitCostPublished({ edition: 'B', validFrom: '2019-04-01', pricePence: 200 }),
    unitCostPublished({ edition: 'C', validFrom: '2019-10-01', pricePence: 300 }),
  );
  it.each([
    ['2017/18', null],
    ['2018/19', 'A'],
    ['2019/20', 'B'],
    ['2020/21', 'C'],
    ['2031/32', 'C'],
  ])('for %s it is %s', (fy, expected) => {
    expect(editionInForce(entry, fy)?.edition ?? null).toBe(expected);
  });
});

describe('a benefit valued from the catalogue', () => {
  const bedDay = catalogue(
    unitCostPublished({ edition: 'NCC-2018', validFrom: '2018-04-01', priceYear: '2018/19', pricePence: 33_000 }),
    unitCostPublished({ edition: 'NCC-2019', validFrom: '2019-04-01', priceYear: '2019/20', pricePence: 34_500 }),
  );
  const fromCatalogue = (over: Parameters<typeof claimBenefit>[0] = {}) =>
    claimBenefit({
      quantity: { value: 1200, unit: 'bed-days' },
      valuation: { method: 'unit-cost', unitCostId: 'xs-bed-day' },
      valuePence: null,
      unitCost: bedDay,
      ...over,
    });

  it('is worth quantity × the price of the edition in force for its year, and records the edition', () => {
    givenIntervention(registered())
      .when(fromCatalogue())
      .then([
        claimed({
          quantity: { value: 1200, unit: 'bed-days' },
          valuation: {
            method: 'unit-cost',
            unitCostId: 'xs-bed-day',
            unitValuePence: 34_500,
            edition: 'NCC-2019',
            priceYear: '2019/20',
          },
          valuePence: 41_400_000,
        }),
      ]);
    givenIntervention(registered())
      .when(fromCatalogue({ financialYear: '2018/19' }))
      .then([
        claimed({
          financialYear: '2018/19',
          quantity: { value: 1200, unit: 'bed-days' },
          valuation: {
            method: 'unit-cost',
            unitCostId: 'xs-bed-day',
            unitValuePence: 33_000,
            edition: 'NCC-2018',
            priceYear: '2018/19',
          },
          valuePence: 39_600_000,
        }),
      ]);
  });

  it('accepts a client value that agrees, and refuses one that does not', () => {
    givenIntervention(registered())
      .when(fromCatalogue({ valuePence: 41_400_000 }))
      .then([
        claimed({
          quantity: { value: 1200, unit: 'bed-days' },
          valuation: {
            method: 'unit-cost',
            unitCostId: 'xs-bed-day',
            unitValuePence: 34_500,
            edition: 'NCC-2019',
            priceYear: '2019/20',
          },
          valuePence: 41_400_000,
        }),
      ]);
    givenIntervention(registered())
      .when(fromCatalogue({ valuePence: 41_400_001 }))
      .thenFails({ kind: 'rule-violated', rule: 'valuation-mismatch', field: 'valuePence' });
    givenIntervention(registered())
      .when(fromCatalogue({ valuation: { method: 'unit-cost', unitCostId: 'xs-bed-day', unitValuePence: 30_000 } }))
      .thenFails({ kind: 'rule-violated', rule: 'unit-value-mismatch', field: 'valuation.unitValuePence' });
  });

  it('is refused when no edition is in force for the year', () => {
    givenIntervention(registered())
      .when(fromCatalogue({ financialYear: '2017/18' }))
      .thenFails({ kind: 'rule-violated', rule: 'no-unit-cost-edition-in-force', field: 'valuation.unitCostId' });
  });

  it('is refused when the unit cost is not in the catalogue, naming the field', () => {
    givenIntervention(registered())
      .when(fromCatalogue({ unitCost: null }))
      .thenFails({ kind: 'invalid-reference', rule: 'unknown-reference', field: 'valuation.unitCostId' });
  });

  it("needs method 'unit-cost'", () => {
    givenIntervention(registered())
      .when(fromCatalogue({ valuation: { method: 'estimate', unitCostId: 'xs-bed-day' } }))
      .thenFails({ kind: 'rule-violated', rule: 'unit-cost-needs-method', field: 'valuation.method' });
  });

  it('without the catalogue, needs a value', () => {
    givenIntervention(registered())
      .when(claimBenefit({ valuation: { method: 'estimate' }, valuePence: null }))
      .thenFails({ kind: 'rule-violated', rule: 'value-required', field: 'valuePence' });
  });

  it("is revised at the price in force for the benefit's own year", () => {
    givenIntervention(registered(), claimed({ financialYear: '2018/19' }))
      .when(
        reviseBenefit({
          quantity: { value: 10, unit: 'bed-days' },
          valuation: { method: 'unit-cost', unitCostId: 'xs-bed-day' },
          valuePence: null,
          unitCost: bedDay,
        }),
      )
      .then([
        {
          type: 'BenefitRevised',
          data: {
            benefitId: 'bed-days',
            quantity: { value: 10, unit: 'bed-days' },
            reason: 'recounted',
            source: reviseBenefit().source,
            valuation: {
              method: 'unit-cost',
              unitCostId: 'xs-bed-day',
              unitValuePence: 33_000,
              edition: 'NCC-2018',
              priceYear: '2018/19',
            },
            valuePence: 330_000,
            register: NOTHING_REGISTERED,
          },
        },
      ]);
  });
});

describe('Green Book discounting of a multi-year profile', () => {
  const profile = (values: number[], schedule: 'standard' | 'health' = 'standard', optimismBiasBasisPoints = 0) => ({
    followingYears: values.map((valuePence, i) => ({
      financialYear: `${2020 + i}/${String(21 + i).padStart(2, '0')}`,
      valuePence,
    })),
    discounting: { schedule, optimismBiasBasisPoints },
  });

  it('discounts each year at 3.5% (standard), rounded half up, and records the rates used beside the undiscounted figure', () => {
    const d = discountProfile(FY, 41_400_000, profile([41_400_000, 41_400_000, 41_400_000], 'standard', 1500));
    expect(
      d.years.map((y) => [y.financialYear, y.yearIndex, y.rateBasisPoints, y.discountFactor, y.presentValuePence]),
    ).toEqual([
      ['2019/20', 0, 350, '1.000000', 41_400_000],
      ['2020/21', 1, 350, '0.966184', 40_000_000],
      ['2021/22', 2, 350, '0.933511', 38_647_343],
      ['2022/23', 3, 350, '0.901943', 37_340_428],
    ]);
    expect(d).toMatchObject({
      schedule: 'standard',
      rateBasisPoints: 350,
      optimismBiasBasisPoints: 1500,
      undiscountedPence: 165_600_000,
      presentValuePence: 157_387_771,
      optimismBiasPence: 23_608_166,
      adjustedPresentValuePence: 133_779_605,
    });
    expect(d.method).toContain('half up');
  });

  it('discounts health effects at 1.5%', () => {
    const d = discountProfile(FY, 1_000_000, profile([1_000_000, 1_000_000], 'health'));
    expect(d.years.map((y) => y.presentValuePence)).toEqual([1_000_000, 985_222, 970_662]);
    expect(d.rateBasisPoints).toBe(GREEN_BOOK_RATE_BASIS_POINTS.health);
  });

  it('covers years 0–30 and refuses a profile running beyond them', () => {
    const thirty = Array.from({ length: 30 }, () => 1_000_000);
    expect(discountProfile(FY, 1_000_000, profile(thirty)).years.at(-1)).toMatchObject({
      yearIndex: 30,
      presentValuePence: 356_278,
    });
    expect(() => discountProfile(FY, 1_000_000, profile([...thirty, 1]))).toThrow(
      expect.objectContaining({ rule: 'profile-beyond-green-book-horizon' }),
    );
  });

  it('refuses years that do not follow the claim year by year', () => {
    const gap = {
      ...profile([1, 1]),
      followingYears: [
        { financialYear: '2020/21', valuePence: 1 },
        { financialYear: '2022/23', valuePence: 1 },
      ],
    };
    expect(() => discountProfile(FY, 1, gap)).toThrow(
      expect.objectContaining({
        rule: 'profile-years-not-consecutive',
        field: 'profile.followingYears[1].financialYear',
      }),
    );
  });

  it('is recorded on the claim and kept, recomputed on the new value, by a revision that gives none', () => {
    const claim = claimBenefit({
      valuation: { method: 'actual' },
      valuePence: 1_000_000,
      profile: profile([1_000_000]),
    });
    const [event] = interventionDecider.decide(claim, givenIntervention(registered()).state);
    expect(event.type).toBe('BenefitClaimed');
    expect((event.data as { profile: { presentValuePence: number } }).profile.presentValuePence).toBe(1_966_184);
    const [revision] = interventionDecider.decide(
      reviseBenefit({ valuation: { method: 'actual' }, valuePence: 2_000_000 }),
      givenIntervention(registered(), event).state,
    );
    expect(
      (revision.data as { profile: { years: { presentValuePence: number }[] } }).profile.years.map(
        (y) => y.presentValuePence,
      ),
    ).toEqual([2_000_000, 966_184]);
  });

  it('never discounts a year to more than its value, and sums its years to the penny (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 0, maxLength: 30 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.constantFrom('standard' as const, 'health' as const),
        fc.integer({ min: 0, max: 10_000 }),
        (values, first, schedule, ob) => {
          const d = discountProfile(FY, first, profile(values, schedule, ob));
          expect(d.years.reduce((a, y) => a + y.presentValuePence, 0)).toBe(d.presentValuePence);
          expect(d.years.reduce((a, y) => a + y.valuePence, 0)).toBe(d.undiscountedPence);
          d.years.forEach((y) => expect(y.presentValuePence).toBeLessThanOrEqual(y.valuePence));
          expect(d.adjustedPresentValuePence + d.optimismBiasPence).toBe(d.presentValuePence);
          expect(d.adjustedPresentValuePence).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('rounds each year exactly half up (property against an independent rational computation)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom(150, 350),
        (v, t, r) => {
          // v / (1 + r/10000)^t compared with floor(x + 1/2) computed by cross-multiplication
          const pv = BigInt(presentValue(v, r, t));
          const num = BigInt(v) * 10_000n ** BigInt(t);
          const den = (10_000n + BigInt(r)) ** BigInt(t);
          expect((2n * pv - 1n) * den <= 2n * num && 2n * num < (2n * pv + 1n) * den).toBe(true);
        },
      ),
    );
  });
});

describe('interventionValue: multi-year benefits discounted beside undiscounted', () => {
  it('adds the profiles of benefits that are not rejected', () => {
    const withProfile = (benefitId: string) =>
      interventionDecider.decide(
        claimBenefit({
          benefitId,
          valuation: { method: 'actual' },
          valuePence: 1_000_000,
          profile: {
            followingYears: [{ financialYear: '2020/21', valuePence: 1_000_000 }],
            discounting: { schedule: 'standard', optimismBiasBasisPoints: 1000 },
          },
        }),
        givenIntervention(registered()).state,
      )[0];
    // a and b have profiles (each 1,000,000 now and 1,000,000 next year, 10% optimism bias); c has none; rejected ones do not count
    const state = givenIntervention(
      registered(),
      withProfile('a'),
      withProfile('b'),
      withProfile('r'),
      validated('a', 1_000_000),
      claimed({ benefitId: 'c' }),
      { type: 'BenefitRejected', data: { benefitId: 'r', reason: 'no evidence' } },
    ).state;
    expect(interventionValue(state).multiYear).toEqual({
      benefits: 2,
      undiscountedPence: 4_000_000,
      presentValuePence: 3_932_368,
      adjustedPresentValuePence: 3_539_132,
    });
  });
});
