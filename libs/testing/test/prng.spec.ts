import fc from 'fast-check';
import { Prng } from '../src';

const seedArb = fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 3 });
const draws = (rng: Prng, count: number) => Array.from({ length: count }, () => rng.next());

describe('Prng: a seeded generator, the same on every run for the same seed', () => {
  it('draws the same sequence for the same seed parts, and a different one for other parts', () => {
    fc.assert(
      fc.property(seedArb, seedArb, (seed, other) => {
        expect(draws(new Prng(...seed), 20)).toEqual(draws(new Prng(...seed), 20));
        fc.pre(seed.join('\u0000') !== other.join('\u0000'));
        expect(draws(new Prng(...other), 20)).not.toEqual(draws(new Prng(...seed), 20));
      }),
    );
  });

  it('keeps every draw in its range: next in [0, 1), int in [min, max], pence in [min, max]', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: -1_000, max: 1_000 }), fc.nat(1_000), (seed, min, width) => {
        const rng = new Prng(...seed);
        for (let k = 0; k < 50; k++) {
          const unit = rng.next();
          expect(unit >= 0 && unit < 1).toBe(true);
          const whole = rng.int(min, min + width);
          expect(Number.isInteger(whole) && whole >= min && whole <= min + width).toBe(true);
          const pence = rng.pence(100, 100 + width);
          expect(Number.isInteger(pence) && pence >= 100 && pence <= 100 + width).toBe(true);
        }
      }),
    );
  });

  it('samples distinct items of the list, shuffles to a permutation, and never weights in a zero-weight item', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 30 }),
        fc.nat(40),
        (seed, items, n) => {
          const rng = new Prng(...seed);
          const sample = rng.sample(items, n);
          expect(sample).toHaveLength(Math.min(n, items.length));
          expect(new Set(sample).size).toBe(sample.length);
          expect(sample.every((x) => items.includes(x))).toBe(true);
          expect([...rng.shuffle([...items])].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
          const weighted = items.map((item, i): [number, number] => [item, i % 2 === 0 ? 1 : 0]);
          const picked = rng.weighted(weighted);
          expect(items.indexOf(picked) % 2).toBe(0);
        },
      ),
    );
  });

  it('makes version-4-shaped UUIDs', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        expect(new Prng(...seed).uuid()).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      }),
    );
  });
});
