import {
  BENEFIT_TYPES,
  BenefitType,
  InterventionEvent,
  MAX_PENCE_PER_FIGURE,
  fold,
  interventionDecider,
  interventionValue,
  returnPerPound,
} from '../src';
import {
  LANDING,
  LEAD,
  cashReleased,
  claimed,
  costRecorded,
  harvested,
  registered,
  reinvested,
  rejected,
  released,
  revised,
  validated,
} from './intervention.fixtures';

const valueOf = (...events: InterventionEvent[]) =>
  interventionValue(fold(interventionDecider, [registered(), ...events]));

const ICB = 'wy-icb';
const zeroRow = { claimedPence: 0, validatedPence: 0, rejectedPence: 0, realisedPence: 0 };
const zeroWay = { totalPence: 0, cashPence: 0, nonCashPence: 0, netPence: 0, roi: null };
/** A claim valued at an actual figure (no unit value to check against). */
const claim = (benefitId: string, benefitType: BenefitType, valuePence: number) =>
  claimed({ benefitId, benefitType, valuation: { method: 'actual' }, valuePence });

describe('interventionValue', () => {
  it('is all zeros, with no ROI, for an intervention with nothing recorded', () => {
    expect(valueOf()).toEqual({
      interventionId: 'frailty-unit',
      costs: { directPence: 0, indirectPence: 0, totalPence: 0, byBearer: {} },
      benefits: { claimedPence: 0, validatedPence: 0, rejectedPence: 0, realisedPence: 0 },
      byType: Object.fromEntries(BENEFIT_TYPES.map((t) => [t, zeroRow])),
      value: {
        claimed: zeroWay,
        validated: zeroWay,
        realised: zeroWay,
        costsCounted:
          "all the intervention's costs of every year, direct and indirect, whoever bore them (costs.totalPence)",
      },
      realisedParts: {
        validatedNotCapacityPence: 0,
        cashReleasedPence: 0,
        reinvestedPence: 0,
        awaitingReinvestmentPence: 0,
      },
      notRealised: {
        cashNotReleasedPence: 0,
        reinvestedBelowValuePence: 0,
        unharvestedPence: 0,
        undecidedPence: 0,
        totalPence: 0,
        recordedBeyondLimitsPence: 0,
      },
      netValuePence: 0,
      roi: null,
      multiYear: { benefits: 0, undiscountedPence: 0, presentValuePence: 0, adjustedPresentValuePence: 0 },
    });
  });

  it('adds up costs as direct and indirect, and by the organisation that bore them', () => {
    const value = valueOf(
      costRecorded({ costId: 'team', costType: 'direct', amountPence: 18_000_000, bearerOrganisationId: LEAD }),
      costRecorded({
        costId: 'community-time',
        costType: 'indirect',
        amountPence: 4_250_000,
        bearerOrganisationId: LANDING,
      }),
      costRecorded({ costId: 'icb-funding', costType: 'direct', amountPence: 2_000_000, bearerOrganisationId: ICB }),
      costRecorded({ costId: 'icb-analyst', costType: 'indirect', amountPence: 500_000, bearerOrganisationId: ICB }),
    );
    expect(value.costs).toEqual({
      directPence: 20_000_000,
      indirectPence: 4_750_000,
      totalPence: 24_750_000,
      byBearer: { [LEAD]: 18_000_000, [LANDING]: 4_250_000, [ICB]: 2_500_000 },
    });
  });

  describe('benefits by status and type', () => {
    const value = valueOf(
      costRecorded({ costId: 'team', costType: 'direct', amountPence: 20_000_000 }),
      costRecorded({ costId: 'backfill', costType: 'indirect', amountPence: 4_750_000 }),
      claim('bed-days', 'capacity', 41_400_000),
      validated('bed-days', 41_400_000),
      claim('readmissions', 'cost-avoidance', 12_500_000),
      validated('readmissions', 12_000_000),
      claim('agency', 'cash-releasing', 9_000_000),
      validated('agency', 9_000_000),
      claim('falls', 'safety', 5_000_000),
      rejected('falls'),
      claim('more-bed-days', 'capacity', 3_000_000),
      revised('more-bed-days', 2_000_000),
    );

    it('counts every claim as claimed, at its current (revised) value, whatever its status', () => {
      expect(value.benefits.claimedPence).toBe(41_400_000 + 12_500_000 + 9_000_000 + 5_000_000 + 2_000_000);
    });

    it("counts finance's validated value as validated, not the value claimed", () => {
      expect(value.benefits.validatedPence).toBe(41_400_000 + 12_000_000 + 9_000_000);
    });

    it('counts the claimed value of rejected claims as rejected', () => {
      expect(value.benefits.rejectedPence).toBe(5_000_000);
    });

    it('splits claimed, validated and rejected by benefit type', () => {
      expect(value.byType).toEqual({
        ...Object.fromEntries(BENEFIT_TYPES.map((t) => [t, zeroRow])),
        // capacity nobody harvested is validated but not realised
        capacity: { claimedPence: 43_400_000, validatedPence: 41_400_000, rejectedPence: 0, realisedPence: 0 },
        'cost-avoidance': {
          claimedPence: 12_500_000,
          validatedPence: 12_000_000,
          rejectedPence: 0,
          realisedPence: 12_000_000,
        },
        'cash-releasing': {
          claimedPence: 9_000_000,
          validatedPence: 9_000_000,
          rejectedPence: 0,
          realisedPence: 9_000_000,
        },
        safety: { claimedPence: 5_000_000, validatedPence: 0, rejectedPence: 5_000_000, realisedPence: 0 },
      });
    });

    it('nets validated value against costs', () => {
      expect(value.netValuePence).toBe(62_400_000 - 24_750_000);
    });

    it('reports ROI as validated value per £1 of cost (£624,000 / £247,500 = £2.52 per £1)', () => {
      expect(value.roi).toEqual({ ratio: 62_400_000 / 24_750_000, pencePerPound: 252, perPound: '£2.52 per £1' });
    });
  });

  it('has a negative net value and a return below £1 when costs exceed validated value', () => {
    const value = valueOf(
      costRecorded({ amountPence: 100_000 }),
      claim('bed-days', 'capacity', 60_000),
      validated('bed-days', 50_000),
    );
    expect(value.netValuePence).toBe(-50_000);
    expect(value.roi).toEqual({ ratio: 0.5, pencePerPound: 50, perPound: '£0.50 per £1' });
  });

  it('has no ROI when nothing was spent, and a net value equal to the validated value', () => {
    const value = valueOf(claim('bed-days', 'capacity', 60_000), validated('bed-days', 60_000));
    expect(value.roi).toBeNull();
    expect(value.netValuePence).toBe(60_000);
  });

  it("reproduces Leeds' reported return of £15.41 per £1", () => {
    const value = valueOf(
      costRecorded({ amountPence: 10_000 }),
      claim('bed-days', 'capacity', 154_100),
      validated('bed-days', 154_100),
    );
    expect(value.roi).toEqual({ ratio: 15.41, pencePerPound: 1541, perPound: '£15.41 per £1' });
  });

  it('stays exact to the penny with many figures at the ceiling per figure', () => {
    const costs = Array.from({ length: 1000 }, (_, i) =>
      costRecorded({ costId: `c${i}`, costType: i % 2 ? 'direct' : 'indirect', amountPence: MAX_PENCE_PER_FIGURE - i }),
    );
    const value = valueOf(
      ...costs,
      claim('bed-days', 'capacity', MAX_PENCE_PER_FIGURE),
      validated('bed-days', MAX_PENCE_PER_FIGURE),
    );
    const total = 1000n * BigInt(MAX_PENCE_PER_FIGURE) - (999n * 1000n) / 2n;
    expect(BigInt(value.costs.totalPence)).toBe(total);
    expect(BigInt(value.netValuePence)).toBe(BigInt(MAX_PENCE_PER_FIGURE) - total);
    expect(value.excludedFigures).toBeUndefined();
  });

  it('leaves a stored figure beyond the ceiling (recorded before it was enforced) out of every total, and names it', () => {
    const state = fold(interventionDecider, [
      registered(),
      costRecorded({ costId: 'a', amountPence: Number.MAX_SAFE_INTEGER - 1 }),
      costRecorded({ costId: 'b', amountPence: 2 }),
    ]);
    const value = interventionValue(state);
    expect(value.costs.totalPence).toBe(2);
    expect(value.excludedFigures).toEqual([
      `cost 'a': amountPence exceeds the ceiling of £1,000,000,000.00 (100000000000 pence) per figure`,
    ]);
  });
});

describe('interventionValue three ways: claimed, validated, realised', () => {
  /** The demo's frailty intervention: bed-days harvested as cash, reinvested, left unharvested and undecided. */
  const frailty = [
    costRecorded({ costId: 'team', costType: 'direct', amountPence: 18_000_000 }),
    costRecorded({ costId: 'community', costType: 'indirect', amountPence: 4_250_000, bearerOrganisationId: LANDING }),
    costRecorded({ costId: 'icb', costType: 'direct', amountPence: 2_500_000, bearerOrganisationId: ICB }),
    claimed({
      benefitId: 'bed-days',
      quantity: { value: 1200, unit: 'bed-days' },
      valuation: { method: 'unit-cost', unitValuePence: 34_500 },
      valuePence: 41_400_000,
    }),
    claim('readmissions', 'cost-avoidance', 13_110_000),
    claim('agency', 'workforce', 9_000_000),
    claim('falls', 'quality', 5_000_000),
    validated('bed-days', 41_400_000, 1200),
    validated('readmissions', 12_000_000, 1),
    validated('agency', 9_000_000, 1),
    rejected('falls'),
    released({ quantity: 1200 }),
    harvested('cash-release', 400),
    cashReleased(13_800_000),
    harvested('reinvest', 600),
    { ...reinvested(600), data: { ...reinvested(600).data, valuePence: 20_700_000 } },
    harvested('unharvested', 150),
  ];

  it('counts capacity as realised only for what was harvested: cash released and reinvested, not unharvested or undecided', () => {
    const value = valueOf(...frailty);
    expect(value.benefits).toEqual({
      claimedPence: 68_510_000,
      validatedPence: 62_400_000,
      rejectedPence: 5_000_000,
      realisedPence: 55_500_000,
    });
    expect(value.realisedParts).toEqual({
      validatedNotCapacityPence: 21_000_000,
      cashReleasedPence: 13_800_000,
      reinvestedPence: 20_700_000,
      awaitingReinvestmentPence: 0,
    });
    // 150 bed-days unharvested and 50 undecided at £345.00
    expect(value.notRealised).toEqual({
      cashNotReleasedPence: 0,
      reinvestedBelowValuePence: 0,
      unharvestedPence: 5_175_000,
      undecidedPence: 1_725_000,
      totalPence: 6_900_000,
      recordedBeyondLimitsPence: 0,
    });
  });

  it('gives each way its ROI on the same costs, named, and splits cash from non-cash', () => {
    const value = valueOf(...frailty);
    expect(value.value.claimed).toMatchObject({
      totalPence: 68_510_000,
      cashPence: 0,
      netPence: 68_510_000 - 24_750_000,
      roi: { perPound: '£2.77 per £1' },
    });
    expect(value.value.validated).toMatchObject({
      totalPence: 62_400_000,
      cashPence: 0,
      nonCashPence: 62_400_000,
      roi: { perPound: '£2.52 per £1' },
    });
    expect(value.value.realised).toMatchObject({
      totalPence: 55_500_000,
      cashPence: 13_800_000,
      nonCashPence: 41_700_000,
      roi: { perPound: '£2.24 per £1' },
    });
    expect(value.value.costsCounted).toContain('direct and indirect, whoever bore them');
    expect(value.roi).toEqual(value.value.validated.roi);
  });

  it('lowers realised value, not validated value, when bed-days are left unharvested', () => {
    const decided = valueOf(...frailty.slice(0, -1), harvested('cash-release', 150), cashReleased(5_175_000));
    const unharvested = valueOf(...frailty);
    expect(unharvested.benefits.validatedPence).toBe(decided.benefits.validatedPence);
    expect(decided.benefits.realisedPence - unharvested.benefits.realisedPence).toBe(5_175_000);
  });

  it('counts capacity harvested for reinvestment and not yet reinvested at the validated unit value, and a reinvestment recording no value too', () => {
    const value = valueOf(
      claimed({ quantity: { value: 100, unit: 'bed-days' }, valuePence: 3_000_000 }),
      validated('bed-days', 3_000_000, 100),
      released(),
      harvested('reinvest', 50),
      reinvested(20),
    );
    expect(value.realisedParts).toMatchObject({ reinvestedPence: 600_000, awaitingReinvestmentPence: 900_000 });
    expect(value.benefits.realisedPence).toBe(1_500_000);
    expect(value.notRealised).toMatchObject({ undecidedPence: 1_500_000 });
  });

  it('counts only the year asked for: costs and benefits by their own year, a benefit realised in its own year', () => {
    const value = interventionValue(
      fold(interventionDecider, [
        registered(),
        ...frailty,
        costRecorded({ costId: 'later', amountPence: 1_000_000, financialYear: '2020/21' }),
      ]),
      '2020/21',
    );
    expect(value.costs.totalPence).toBe(1_000_000);
    expect(value.benefits).toEqual({ claimedPence: 0, validatedPence: 0, rejectedPence: 0, realisedPence: 0 });
    expect(value.value.costsCounted).toContain('2020/21 costs');
  });
});

describe('returnPerPound', () => {
  it('gives £15.41 per £1 for 1541 returned on 100 invested, exactly', () => {
    expect(returnPerPound(1541, 100)).toEqual({ ratio: 15.41, pencePerPound: 1541, perPound: '£15.41 per £1' });
  });

  it('gives £2.52 per £1 for £624,000 on £247,500 (2.5212… rounds down)', () => {
    expect(returnPerPound(62_400_000, 24_750_000)).toEqual({
      ratio: 62_400_000 / 24_750_000,
      pencePerPound: 252,
      perPound: '£2.52 per £1',
    });
  });

  it('rounds exactly half a penny up', () => {
    expect(returnPerPound(3, 8)?.pencePerPound).toBe(38); // 37.5p
    expect(returnPerPound(1, 200)?.perPound).toBe('£0.01 per £1'); // 0.5p
    expect(returnPerPound(900_719_925_474_099, 200)?.perPound).toBe('£4,503,599,627,370.50 per £1'); // …049.5p
  });

  it('rounds less than half a penny down', () => {
    expect(returnPerPound(1249, 10_000)?.pencePerPound).toBe(12); // 12.49p
    expect(returnPerPound(1, 201)?.perPound).toBe('£0.00 per £1'); // 0.4975p
  });

  it('is exact when value × 100 passes 2^53 (value near MAX_SAFE_INTEGER / 10)', () => {
    // 90_071_992_547_409_900 / 11 = 8_188_362_958_855_445.45…; floating point says …446
    expect(returnPerPound(900_719_925_474_099, 11)).toMatchObject({
      pencePerPound: 8_188_362_958_855_445,
      perPound: '£81,883,629,588,554.45 per £1',
    });
    // 90_071_992_547_409_900 / 13 = 6_928_614_811_339_223.07…
    expect(returnPerPound(900_719_925_474_099, 13)?.pencePerPound).toBe(6_928_614_811_339_223);
  });

  it('is null when nothing was invested', () => {
    expect(returnPerPound(1_000, 0)).toBeNull();
  });

  it('is £0.00 per £1 when nothing was returned', () => {
    expect(returnPerPound(0, 1_000)).toEqual({ ratio: 0, pencePerPound: 0, perPound: '£0.00 per £1' });
  });
});
