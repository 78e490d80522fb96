import { NOT_REALISED_PARTS, REALISED_PARTS, Realisation, realiseBenefit } from '../src';

/** What one release of a capacity benefit became: harvested (hundredths), cash released, reinvestments. */
const release = (
  cash: number,
  reinvest: number,
  unharvested: number,
  cashReleasedPence: number,
  reinvestments: { quantity: number; valuePence: number | null }[] = [],
) => ({
  harvested: { 'cash-release': cash, reinvest, unharvested },
  cashReleasedPence,
  reinvestments,
});
/** 100 bed-days validated at £30,000.00: £300.00 (30,000p) a bed-day. */
const beds = (...releases: ReturnType<typeof release>[]) =>
  realiseBenefit({ benefitType: 'capacity', validatedValuePence: 3_000_000, validatedQuantity: 10_000, releases });
const addsUp = (r: Realisation) => {
  expect(REALISED_PARTS.reduce((t, p) => t + r.realised[p], 0)).toBe(r.realisedPence);
  expect(r.realisedPence + NOT_REALISED_PARTS.reduce((t, p) => t + r.notRealised[p], 0)).toBe(r.validatedPence);
  for (const p of NOT_REALISED_PARTS) expect(r.notRealised[p]).toBeGreaterThanOrEqual(0);
  expect(r.realisedPence).toBeLessThanOrEqual(r.validatedPence);
};

describe('realiseBenefit', () => {
  it('counts a benefit of any type but capacity as realised at its validated value, and cash-releasing as cash', () => {
    expect(
      realiseBenefit({ benefitType: 'cost-avoidance', validatedValuePence: 500, validatedQuantity: 100, releases: [] }),
    ).toMatchObject({ realisedPence: 500, cashPence: 0, nonCashPence: 500 });
    expect(
      realiseBenefit({ benefitType: 'cash-releasing', validatedValuePence: 500, validatedQuantity: 100, releases: [] }),
    ).toMatchObject({ realisedPence: 500, cashPence: 500 });
  });

  it('counts capacity for cash released, reinvestments as recorded, and the rest of the reinvest harvest at unit value; not unharvested or undecided', () => {
    const r = beds(
      release(2_000, 3_000, 1_000, 500_000, [
        { quantity: 1_000, valuePence: 250_000 },
        { quantity: 500, valuePence: null },
      ]),
    );
    expect(r.realised).toEqual({
      validatedNotCapacityPence: 0,
      cashReleasedPence: 500_000,
      reinvestedPence: 250_000 + 150_000,
      awaitingReinvestmentPence: 900_000 - 450_000,
    });
    expect(r.notRealised).toEqual({
      cashNotReleasedPence: 600_000 - 500_000,
      reinvestedBelowValuePence: 300_000 - 250_000,
      unharvestedPence: 300_000,
      undecidedPence: 3_000_000 - 600_000 - 900_000 - 300_000,
    });
    expect(r.recordedBeyondLimitsPence).toBe(0);
    addsUp(r);
  });

  it('leaves the pennies rounding down leaves in undecided: 1 of 3 sessions at £1.00 is 33p', () => {
    const r = realiseBenefit({
      benefitType: 'capacity',
      validatedValuePence: 100,
      validatedQuantity: 300,
      releases: [release(100, 100, 100, 33)],
    });
    expect(r.notRealised.undecidedPence).toBe(1);
    addsUp(r);
  });

  it('never realises more than validated from events recorded before the limits: what they recorded beyond is shown, counted on neither side', () => {
    // £999,000,000.00 of cash from 5 bed-days, a reinvestment recording £1m for 1 bed-day, and 300 bed-days released against 100 validated
    const r = beds(release(500, 100, 29_400, 99_900_000_000, [{ quantity: 100, valuePence: 100_000_000 }]));
    addsUp(r);
    expect(r.realised.cashReleasedPence).toBe(150_000);
    expect(r.realised.reinvestedPence).toBe(30_000);
    expect(r.recordedBeyondLimitsPence).toBe(99_900_000_000 - 150_000 + (100_000_000 - 30_000));
    expect(r.notRealised.undecidedPence).toBe(0);
  });
});
