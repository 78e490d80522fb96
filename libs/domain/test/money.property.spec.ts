import fc from 'fast-check';
import {
  BENEFIT_TYPES,
  BenefitType,
  COST_TYPES,
  CostType,
  DomainError,
  HARVESTS,
  Harvest,
  InterventionCommand,
  InterventionEvent,
  MAX_PENCE_PER_FIGURE,
  fold,
  interventionDecider,
  interventionValue,
  returnPerPound,
} from '../src';
import {
  claimBenefit,
  harvestCapacity,
  harvested,
  registerIntervention,
  releaseCapacity,
  validateBenefit,
} from './intervention.fixtures';

const MAX = Number.MAX_SAFE_INTEGER;
const sum = (values: number[]) => values.reduce((a, b) => a + BigInt(b), 0n);

/** Decides each command against the state so far and returns every event decided: real events, never hand-made state. */
function decideAll(commands: InterventionCommand[]): InterventionEvent[] {
  const events: InterventionEvent[] = [];
  for (const command of commands)
    events.push(...interventionDecider.decide(command, fold(interventionDecider, events)));
  return events;
}

describe('intervention value adds up to the penny', () => {
  /** Up to 30 costs and 20 benefits of up to the ceiling per figure each (the most the decider records). */
  const PART_MAX = MAX_PENCE_PER_FIGURE;
  const costArb = fc.record({
    costType: fc.constantFrom<CostType>(...COST_TYPES),
    bearer: fc.constantFrom('acute-trust', 'community-trust', 'gp-practice', 'wy-icb'),
    amountPence: fc.integer({ min: 0, max: PART_MAX }),
  });
  const benefitArb = fc.record({
    benefitType: fc.constantFrom<BenefitType>(...BENEFIT_TYPES),
    valuePence: fc.integer({ min: 0, max: PART_MAX }),
    revisedPence: fc.option(fc.integer({ min: 0, max: PART_MAX }), { nil: null }),
    outcome: fc.constantFrom('claimed', 'validated', 'rejected'),
    /** The share of the (revised) claim finance validates, in basis points. */
    validatedBasisPoints: fc.integer({ min: 0, max: 10_000 }),
  });
  type CostSpec = { costType: CostType; bearer: string; amountPence: number };
  type BenefitSpec = {
    benefitType: BenefitType;
    valuePence: number;
    revisedPence: number | null;
    outcome: string;
    validatedBasisPoints: number;
  };

  const currentValue = (b: BenefitSpec) => b.revisedPence ?? b.valuePence;
  const validatedValue = (b: BenefitSpec) =>
    Number((BigInt(currentValue(b)) * BigInt(b.validatedBasisPoints)) / 10_000n);

  function commandsFor(costs: CostSpec[], benefits: BenefitSpec[]): InterventionCommand[] {
    return [
      registerIntervention(),
      ...costs.map((c, i): InterventionCommand => ({
        type: 'RecordCost',
        costId: `cost-${i}`,
        costType: c.costType,
        category: 'staff',
        amountPence: c.amountPence,
        financialYear: '2019/20',
        bearerOrganisationId: c.bearer,
        source: { system: 'ledger', reference: `line-${i}` },
      })),
      ...benefits.flatMap((b, i): InterventionCommand[] => {
        const benefitId = `benefit-${i}`;
        return [
          claimBenefit({
            benefitId,
            benefitType: b.benefitType,
            valuation: { method: 'actual' },
            valuePence: b.valuePence,
          }),
          ...(b.revisedPence === null
            ? []
            : [
                {
                  type: 'ReviseBenefit',
                  benefitId,
                  quantity: { value: 1, unit: 'each' },
                  valuation: { method: 'actual' },
                  valuePence: b.revisedPence,
                  reason: 'recounted',
                  source: { system: 'ledger', reference: 'r' },
                } satisfies InterventionCommand,
              ]),
          ...(b.outcome === 'validated'
            ? [
                {
                  type: 'ValidateBenefit',
                  benefitId,
                  validatedValuePence: validatedValue(b),
                  note: 'ok',
                  source: { system: 'ledger', reference: 'v' },
                } satisfies InterventionCommand,
              ]
            : []),
          ...(b.outcome === 'rejected'
            ? [{ type: 'RejectBenefit', benefitId, reason: 'no' } satisfies InterventionCommand]
            : []),
        ];
      }),
    ];
  }

  it('totals equal the sums of their parts, and the sums of what was recorded', () => {
    fc.assert(
      fc.property(fc.array(costArb, { maxLength: 30 }), fc.array(benefitArb, { maxLength: 20 }), (costs, benefits) => {
        const value = interventionValue(fold(interventionDecider, decideAll(commandsFor(costs, benefits))));
        const rows = Object.values(value.byType);

        // the parts add up to the totals
        expect(BigInt(value.costs.directPence) + BigInt(value.costs.indirectPence)).toBe(
          BigInt(value.costs.totalPence),
        );
        expect(sum(Object.values(value.costs.byBearer))).toBe(BigInt(value.costs.totalPence));
        expect(sum(rows.map((r) => r.claimedPence))).toBe(BigInt(value.benefits.claimedPence));
        expect(sum(rows.map((r) => r.validatedPence))).toBe(BigInt(value.benefits.validatedPence));
        expect(sum(rows.map((r) => r.rejectedPence))).toBe(BigInt(value.benefits.rejectedPence));
        expect(BigInt(value.netValuePence)).toBe(
          BigInt(value.benefits.validatedPence) - BigInt(value.costs.totalPence),
        );

        // and the totals are what was recorded
        expect(BigInt(value.costs.directPence)).toBe(
          sum(costs.filter((c) => c.costType === 'direct').map((c) => c.amountPence)),
        );
        expect(BigInt(value.costs.totalPence)).toBe(sum(costs.map((c) => c.amountPence)));
        expect(BigInt(value.benefits.claimedPence)).toBe(sum(benefits.map(currentValue)));
        expect(BigInt(value.benefits.validatedPence)).toBe(
          sum(benefits.filter((b) => b.outcome === 'validated').map(validatedValue)),
        );
        expect(BigInt(value.benefits.rejectedPence)).toBe(
          sum(benefits.filter((b) => b.outcome === 'rejected').map(currentValue)),
        );
      }),
    );
  });
});

describe('returnPerPound rounds half up to the penny, exactly', () => {
  /** Independently: the quotient of 100 × value ÷ cost, plus one when the remainder is at least half the cost. */
  const roundHalfUp = (valuePence: number, costPence: number): bigint => {
    const scaled = BigInt(valuePence) * 100n;
    const c = BigInt(costPence);
    return scaled / c + (2n * (scaled % c) >= c ? 1n : 0n);
  };
  /** "£1,234,567.89 per £1" -> 123456789n */
  const parsePerPound = (perPound: string): bigint => {
    const m = /^£(\d{1,3}(?:,\d{3})*)\.(\d{2}) per £1$/.exec(perPound);
    if (!m) throw new Error(`not a "£X.XX per £1" figure: ${perPound}`);
    return BigInt(m[1].replace(/,/g, '')) * 100n + BigInt(m[2]);
  };

  /** A cost, and a value small enough that the pence per pound stay within the safe range. */
  const anyCostAndValue = fc
    .oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: MAX }))
    .chain((cost) => {
      const bound = (BigInt(MAX - 1) * BigInt(cost)) / 100n;
      const maxValue = Number(bound < BigInt(MAX) ? bound : BigInt(MAX));
      return fc.tuple(
        fc.oneof(fc.integer({ min: 0, max: Math.min(maxValue, 1_000_000) }), fc.integer({ min: 0, max: maxValue })),
        fc.constant(cost),
      );
    });
  /** value ÷ cost is exactly k + ½ pence per pound: cost = 200m, value = m(2k + 1). */
  const exactlyHalfAPenny = fc
    .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000_000 }))
    .map(([m, k]) => [m * (2 * k + 1), 200 * m] as [number, number]);

  it.each([
    ['any value and cost', anyCostAndValue],
    ['exactly half a penny per pound', exactlyHalfAPenny],
  ] as const)('matches BigInt round-half-up for %s, and its "£X per £1" reads back as the same pence', (_name, arb) => {
    fc.assert(
      fc.property(arb, ([valuePence, costPence]) => {
        const roi = returnPerPound(valuePence, costPence);
        const expected = roundHalfUp(valuePence, costPence);
        expect(roi).not.toBeNull();
        expect(BigInt(roi!.pencePerPound)).toBe(expected);
        expect(parsePerPound(roi!.perPound)).toBe(expected);
      }),
    );
  });
});

describe('capacity: harvests never exceed the release', () => {
  const setUp = (releasedHundredths: number): InterventionEvent[] =>
    decideAll([
      registerIntervention(),
      claimBenefit({ valuation: { method: 'actual' }, quantity: { value: 1_000, unit: 'bed-days' } }),
      validateBenefit(3_000_000),
      releaseCapacity({ quantity: releasedHundredths / 100 }),
    ]);
  const harvestArb = fc.record({
    harvest: fc.constantFrom<Harvest>(...HARVESTS),
    hundredths: fc.integer({ min: 1, max: 3_000 }),
  });

  it('accepts a harvest exactly when it still fits in the release, and refuses it with harvest-exceeds-release otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(harvestArb, { maxLength: 40 }), (releasedH, asks) => {
        const events = setUp(releasedH);
        let acceptedH = 0;
        for (const { harvest, hundredths } of asks) {
          const command = harvestCapacity(harvest, hundredths / 100);
          const fits = acceptedH + hundredths <= releasedH;
          let outcome: InterventionEvent[] | DomainError;
          try {
            outcome = interventionDecider.decide(command, fold(interventionDecider, events));
          } catch (e) {
            outcome = e as DomainError;
          }
          if (fits) {
            expect(outcome).toEqual([harvested(harvest, hundredths / 100)]);
            events.push(...(outcome as InterventionEvent[]));
            acceptedH += hundredths;
          } else {
            expect(outcome).toBeInstanceOf(DomainError);
            expect(outcome).toMatchObject({ kind: 'rule-violated', rule: 'harvest-exceeds-release' });
          }
        }
        const release = fold(interventionDecider, events).releases.get('beds-2019')!;
        const harvestedH =
          release.harvested['cash-release'] + release.harvested.reinvest + release.harvested.unharvested;
        expect(harvestedH).toBe(acceptedH);
        expect(harvestedH).toBeLessThanOrEqual(release.released);
      }),
    );
  });

  it('accepts any split of the release into fractional harvests, to exactly the amount released, and not a hundredth more', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<Harvest>(...HARVESTS), fc.integer({ min: 1, max: 500 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (parts) => {
          const releasedH = parts.reduce((a, [, h]) => a + h, 0);
          const events = setUp(releasedH);
          for (const [harvest, h] of parts) {
            events.push(
              ...interventionDecider.decide(harvestCapacity(harvest, h / 100), fold(interventionDecider, events)),
            );
          }
          expect(() =>
            interventionDecider.decide(harvestCapacity('unharvested', 0.01), fold(interventionDecider, events)),
          ).toThrow(expect.objectContaining({ rule: 'harvest-exceeds-release' }));
        },
      ),
    );
  });
});

describe('valuation: quantity × unit value, half up to the penny', () => {
  it('accepts exactly the BigInt round-half-up value and refuses a penny either side', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (hundredths, unitValuePence) => {
          const exact = Number((BigInt(hundredths) * BigInt(unitValuePence) * 2n + 100n) / 200n);
          const claimWorth = (valuePence: number) =>
            claimBenefit({
              quantity: { value: hundredths / 100, unit: 'hours' },
              valuation: { method: 'unit-cost', unitValuePence },
              valuePence,
            });
          const state = fold(interventionDecider, decideAll([registerIntervention()]));
          if (exact > MAX_PENCE_PER_FIGURE) {
            expect(() => interventionDecider.decide(claimWorth(exact), state)).toThrow(
              expect.objectContaining({ rule: 'money-ceiling', field: 'valuePence' }),
            );
            return;
          }
          expect(interventionDecider.decide(claimWorth(exact), state)).toHaveLength(1);
          for (const wrong of [exact - 1, exact + 1].filter((v) => v >= 0)) {
            expect(() => interventionDecider.decide(claimWorth(wrong), state)).toThrow(
              expect.objectContaining({ rule: 'valuation-mismatch' }),
            );
          }
        },
      ),
    );
  });
});
