import { BENEFIT_TYPES, BenefitType, InterventionEvent, MAX_PENCE_PER_FIGURE, fold, interventionDecider, interventionValue, returnPerPound } from '../src';
import { LANDING, LEAD, claimed, costRecorded, registered, rejected, revised, validated } from './intervention.fixtures';

const valueOf = (...events: InterventionEvent[]) => interventionValue(fold(interventionDecider, [registered(), ...events]));

const ICB = 'wy-icb';
const zeroRow = { claimedPence: 0, validatedPence: 0, rejectedPence: 0 };
/** A claim valued at an actual figure (no unit value to check against). */
const claim = (benefitId: string, benefitType: BenefitType, valuePence: number) =>
  claimed({ benefitId, benefitType, valuation: { method: 'actual' }, valuePence });

describe('interventionValue', () => {
  it('is all zeros, with no ROI, for an intervention with nothing recorded', () => {
    expect(valueOf()).toEqual({
      interventionId: 'frailty-unit',
      costs: { directPence: 0, indirectPence: 0, totalPence: 0, byBearer: {} },
      benefits: { claimedPence: 0, validatedPence: 0, rejectedPence: 0 },
      byType: Object.fromEntries(BENEFIT_TYPES.map((t) => [t, zeroRow])),
      netValuePence: 0,
      roi: null,
      multiYear: { benefits: 0, undiscountedPence: 0, presentValuePence: 0, adjustedPresentValuePence: 0 },
    });
  });

  it('adds up costs as direct and indirect, and by the organisation that bore them', () => {
    const value = valueOf(
      costRecorded({ costId: 'team', costType: 'direct', amountPence: 18_000_000, bearerOrganisationId: LEAD }),
      costRecorded({ costId: 'community-time', costType: 'indirect', amountPence: 4_250_000, bearerOrganisationId: LANDING }),
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
        capacity: { claimedPence: 43_400_000, validatedPence: 41_400_000, rejectedPence: 0 },
        'cost-avoidance': { claimedPence: 12_500_000, validatedPence: 12_000_000, rejectedPence: 0 },
        'cash-releasing': { claimedPence: 9_000_000, validatedPence: 9_000_000, rejectedPence: 0 },
        safety: { claimedPence: 5_000_000, validatedPence: 0, rejectedPence: 5_000_000 },
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
    const value = valueOf(costRecorded({ amountPence: 100_000 }), claim('bed-days', 'capacity', 60_000), validated('bed-days', 50_000));
    expect(value.netValuePence).toBe(-50_000);
    expect(value.roi).toEqual({ ratio: 0.5, pencePerPound: 50, perPound: '£0.50 per £1' });
  });

  it('has no ROI when nothing was spent, and a net value equal to the validated value', () => {
    const value = valueOf(claim('bed-days', 'capacity', 60_000), validated('bed-days', 60_000));
    expect(value.roi).toBeNull();
    expect(value.netValuePence).toBe(60_000);
  });

  it("reproduces Leeds' reported return of £15.41 per £1", () => {
    const value = valueOf(costRecorded({ amountPence: 10_000 }), claim('bed-days', 'capacity', 154_100), validated('bed-days', 154_100));
    expect(value.roi).toEqual({ ratio: 15.41, pencePerPound: 1541, perPound: '£15.41 per £1' });
  });

  it('stays exact to the penny with many figures at the ceiling per figure', () => {
    const costs = Array.from({ length: 1000 }, (_, i) => costRecorded({ costId: `c${i}`, costType: i % 2 ? 'direct' : 'indirect', amountPence: MAX_PENCE_PER_FIGURE - i }));
    const value = valueOf(...costs, claim('bed-days', 'capacity', MAX_PENCE_PER_FIGURE), validated('bed-days', MAX_PENCE_PER_FIGURE));
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
    expect(value.excludedFigures).toEqual([`cost 'a': amountPence exceeds the ceiling of £1,000,000,000.00 (100000000000 pence) per figure`]);
  });
});

describe('returnPerPound', () => {
  it('gives £15.41 per £1 for 1541 returned on 100 invested, exactly', () => {
    expect(returnPerPound(1541, 100)).toEqual({ ratio: 15.41, pencePerPound: 1541, perPound: '£15.41 per £1' });
  });

  it('gives £2.52 per £1 for £624,000 on £247,500 (2.5212… rounds down)', () => {
    expect(returnPerPound(62_400_000, 24_750_000)).toEqual({ ratio: 62_400_000 / 24_750_000, pencePerPound: 252, perPound: '£2.52 per £1' });
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
      pencePerPound: 8_188_362_958_855_445, perPound: '£81,883,629,588,554.45 per £1',
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
