import fc from 'fast-check';
import { FULL_SHARE_BASIS_POINTS, applyBasisPoints, splitByLargestRemainder } from '../src';

/**
 * The money arithmetic every projection rests on. Oracles here are computed independently with BigInt:
 * never by calling the function under test a second way.
 */

const MAX = Number.MAX_SAFE_INTEGER;
const big = (x: number | bigint) => BigInt(x);
const sumBig = (xs: readonly (number | bigint)[]) => xs.reduce<bigint>((a, b) => a + big(b), 0n);

/** floor and remainder of total × w / Σw, exactly. */
const exactShare = (total: number, w: number | bigint, sum: bigint) => ({
  floor: (big(total) * big(w)) / sum,
  rem: (big(total) * big(w)) % sum,
});

/** Weights of every kind: zeros, small, large numbers, and bigints far beyond the safe range. */
const weightArb: fc.Arbitrary<number | bigint> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 10 }),
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.integer({ min: 0, max: MAX }),
  fc.bigInt({ min: 0n, max: 2n ** 200n }),
);
/** At least one positive weight, so any total can be split. */
const weightsArb = fc
  .array(weightArb, { minLength: 1, maxLength: 25 })
  .map((ws) => (sumBig(ws) === 0n ? [...ws, 1] : ws));
const moderateTotalArb = fc.integer({ min: 0, max: Math.floor(MAX / 10_000) });
const anyTotalArb = fc.oneof(fc.integer({ min: 0, max: 1000 }), moderateTotalArb, fc.maxSafeNat());
const smallWeightsArb = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 25 })
  .map((ws) => (sumBig(ws) === 0n ? [...ws, 7] : ws));

/** Every split property at once, against independent BigInt arithmetic. */
function expectLargestRemainderSplit(total: number, weights: readonly (number | bigint)[], parts: number[]): void {
  const sum = sumBig(weights);
  expect(parts).toHaveLength(weights.length);
  for (const p of parts) expect(Number.isSafeInteger(p) && p >= 0).toBe(true);
  // parts add up to the total, to the penny
  expect(sumBig(parts)).toBe(big(total));
  const shares = weights.map((w) => exactShare(total, w, sum));
  parts.forEach((p, i) => {
    // |part − total·w/Σw| < 1, i.e. part is floor(exact) or, when there is a remainder, floor(exact) + 1
    const diff = big(p) * sum - big(total) * big(weights[i]);
    expect(diff < sum && diff > -sum).toBe(true);
    const extra = big(p) - shares[i].floor;
    expect(extra === 0n || (extra === 1n && shares[i].rem > 0n)).toBe(true);
    if (big(weights[i]) === 0n) expect(p).toBe(0);
  });
  // Hamilton: an extra penny never goes to a smaller remainder (or to a later equal one) while an earlier-ranked part went without
  for (let i = 0; i < parts.length; i++) {
    for (let j = 0; j < parts.length; j++) {
      const gotExtra = big(parts[i]) > shares[i].floor;
      const wentWithout = big(parts[j]) === shares[j].floor;
      if (gotExtra && wentWithout) {
        expect(shares[i].rem > shares[j].rem || (shares[i].rem === shares[j].rem && i < j)).toBe(true);
      }
    }
  }
}

describe('splitByLargestRemainder', () => {
  it('parts sum to the total exactly, each within a penny of its exact share, for totals up to MAX_SAFE/10000 and any weights (bigints included)', () => {
    fc.assert(
      fc.property(moderateTotalArb, weightsArb, (total, weights) => {
        expectLargestRemainderSplit(total, weights, splitByLargestRemainder(total, weights));
      }),
      { numRuns: 500 },
    );
  });

  it('holds over the full safe range of totals with small weights', () => {
    fc.assert(
      fc.property(anyTotalArb, smallWeightsArb, (total, weights) => {
        expectLargestRemainderSplit(total, weights, splitByLargestRemainder(total, weights));
      }),
      { numRuns: 500 },
    );
  });

  it('holds over the full safe range of totals with huge weights', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), weightsArb, (total, weights) => {
        expectLargestRemainderSplit(total, weights, splitByLargestRemainder(total, weights));
      }),
      { numRuns: 300 },
    );
  });

  it('a single weight takes the whole total', () => {
    fc.assert(
      fc.property(
        anyTotalArb,
        fc.oneof(fc.integer({ min: 1, max: MAX }), fc.bigInt({ min: 1n, max: 2n ** 100n })),
        (total, w) => {
          expect(splitByLargestRemainder(total, [w])).toEqual([total]);
        },
      ),
    );
  });

  it('many equal weights: parts differ by at most a penny and the spare pennies go to the earliest weights', () => {
    fc.assert(
      fc.property(
        anyTotalArb,
        fc.integer({ min: 1, max: 60 }),
        fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.bigInt({ min: 1n, max: 2n ** 90n })),
        (total, n, w) => {
          const parts = splitByLargestRemainder(
            total,
            Array.from({ length: n }, () => w),
          );
          const base = Math.floor(total / n);
          const spare = total - base * n;
          expect(parts).toEqual(Array.from({ length: n }, (_, i) => (i < spare ? base + 1 : base)));
        },
      ),
    );
  });

  it('zero weights get nothing, wherever they sit', () => {
    fc.assert(
      fc.property(anyTotalArb, smallWeightsArb, fc.array(fc.nat(30), { maxLength: 5 }), (total, weights, zeroAt) => {
        const ws: (number | bigint)[] = [...weights];
        for (const at of zeroAt) ws.splice(at % (ws.length + 1), 0, 0);
        const parts = splitByLargestRemainder(total, ws);
        ws.forEach((w, i) => {
          if (big(w) === 0n) expect(parts[i]).toBe(0);
        });
        expect(sumBig(parts)).toBe(big(total));
      }),
    );
  });

  it('is deterministic and does not modify its input', () => {
    fc.assert(
      fc.property(anyTotalArb, weightsArb, (total, weights) => {
        const copy = [...weights];
        const a = splitByLargestRemainder(total, weights);
        const b = splitByLargestRemainder(total, weights);
        expect(b).toEqual(a);
        expect(weights).toEqual(copy);
      }),
    );
  });

  it('scaling every weight by the same k gives the same split', () => {
    fc.assert(
      fc.property(
        anyTotalArb,
        smallWeightsArb,
        fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.bigInt({ min: 1n, max: 2n ** 120n })),
        (total, weights, k) => {
          const scaled = weights.map((w) => big(w) * big(k));
          expect(splitByLargestRemainder(total, scaled)).toEqual(splitByLargestRemainder(total, weights));
          // and the scaled weights as numbers, where they still fit
          if (scaled.every((w) => w <= big(MAX)))
            expect(splitByLargestRemainder(total, scaled.map(Number))).toEqual(splitByLargestRemainder(total, weights));
        },
      ),
    );
  });

  it('worked examples', () => {
    expect(splitByLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByLargestRemainder(10, [3, 3, 4])).toEqual([3, 3, 4]);
    // 7 × (1/6, 2/6, 3/6) = 1.1667, 2.333, 3.5 -> floors 1, 2, 3; one spare penny to the largest remainder (0.5)
    expect(splitByLargestRemainder(7, [1, 2, 3])).toEqual([1, 2, 4]);
    expect(splitByLargestRemainder(1, [5000, 5000])).toEqual([1, 0]);
    expect(splitByLargestRemainder(1, [4999, 5001])).toEqual([0, 1]);
    expect(splitByLargestRemainder(0, [0, 0])).toEqual([0, 0]);
    expect(splitByLargestRemainder(0, [])).toEqual([]);
    expect(splitByLargestRemainder(MAX, [1, 1])).toEqual([(MAX + 1) / 2, (MAX - 1) / 2]);
  });

  it('refuses negative weights', () => {
    fc.assert(
      fc.property(
        anyTotalArb,
        smallWeightsArb,
        fc.oneof(fc.integer({ min: -MAX, max: -1 }), fc.bigInt({ min: -(2n ** 100n), max: -1n })),
        fc.nat(30),
        (total, weights, negative, at) => {
          const ws: (number | bigint)[] = [...weights];
          ws.splice(at % (ws.length + 1), 0, negative);
          expect(() => splitByLargestRemainder(total, ws)).toThrow(RangeError);
        },
      ),
    );
  });

  it('refuses a non-zero total over zero weights (or none), and splits zero over them as zeros', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX }), fc.nat(10), (total, n) => {
        const zeros = Array.from({ length: n }, () => 0);
        expect(() => splitByLargestRemainder(total, zeros)).toThrow(RangeError);
        expect(splitByLargestRemainder(0, zeros)).toEqual(zeros);
      }),
    );
  });

  it('refuses a total that is not whole, non-negative, safe pence', () => {
    for (const total of [-1, 0.5, MAX + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => splitByLargestRemainder(total, [1, 2])).toThrow(RangeError);
    }
  });
});

describe('applyBasisPoints', () => {
  /** round-half-up(value × bp / 10000), by quotient and remainder. */
  const oracle = (value: number, bp: number): bigint => {
    const n = big(value) * big(bp);
    const q = n / 10_000n;
    const r = n % 10_000n;
    return r * 2n >= 10_000n ? q + 1n : q;
  };
  const bpArb = fc.oneof(
    fc.integer({ min: 0, max: 10_000 }),
    fc.constantFrom(0, 1, 4_999, 5_000, 5_001, 9_999, 10_000),
  );
  const valueArb = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.maxSafeNat());

  it('equals round-half-up(value × bp / 10000) computed independently', () => {
    fc.assert(
      fc.property(valueArb, bpArb, (value, bp) => {
        const result = applyBasisPoints(value, bp);
        expect(Number.isSafeInteger(result)).toBe(true);
        expect(big(result)).toBe(oracle(value, bp));
      }),
      { numRuns: 1000 },
    );
  });

  it('10000 basis points is the identity, 0 is zero', () => {
    fc.assert(
      fc.property(valueArb, (value) => {
        expect(applyBasisPoints(value, FULL_SHARE_BASIS_POINTS)).toBe(value);
        expect(applyBasisPoints(value, 0)).toBe(0);
      }),
    );
  });

  it('is monotone in basis points', () => {
    fc.assert(
      fc.property(valueArb, bpArb, bpArb, (value, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(applyBasisPoints(value, lo)).toBeLessThanOrEqual(applyBasisPoints(value, hi));
      }),
      { numRuns: 500 },
    );
  });

  it('rounds exact halves up, everything below a half down', () => {
    expect(applyBasisPoints(1, 5_000)).toBe(1); // 0.5
    expect(applyBasisPoints(1, 4_999)).toBe(0); // 0.4999
    expect(applyBasisPoints(3, 5_000)).toBe(2); // 1.5
    expect(applyBasisPoints(5, 1_000)).toBe(1); // 0.5
    expect(applyBasisPoints(15, 1_000)).toBe(2); // 1.5
    expect(applyBasisPoints(14, 1_000)).toBe(1); // 1.4
    expect(applyBasisPoints(123_457, 3_333)).toBe(41_148); // 41,148.2181
    expect(applyBasisPoints(MAX, 5_000)).toBe((MAX + 1) / 2); // 4503599627370495.5 -> up
  });
});
