import { Pence, divideHalfUp } from './money';

/**
 * Splits `total` pence in proportion to `weights` by largest remainder (Hamilton): every part gets
 * floor(total × w / Σw), then the pennies left over go one each to the largest remainders, ties to the
 * earlier weight. The parts always add up to `total` exactly. Integer arithmetic throughout (BigInt).
 */
export function splitByLargestRemainder(total: Pence, weights: readonly (number | bigint)[]): Pence[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be whole, non-negative pence');
  const w = weights.map((x) => BigInt(x));
  if (w.some((x) => x < 0n)) throw new RangeError('weights must not be negative');
  const sum = w.reduce((a, b) => a + b, 0n);
  if (w.length === 0 || sum === 0n) {
    if (total === 0) return w.map(() => 0);
    throw new RangeError('cannot split a non-zero total over zero weights');
  }
  const t = BigInt(total);
  const floors = w.map((x) => (t * x) / sum);
  const remainders = w.map((x, i) => ({ i, r: (t * x) % sum }));
  let left = t - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i] += 1n;
    left -= 1n;
  }
  return floors.map(Number);
}

/** value × basisPoints / 10000, rounded half up to the penny. */
export function applyBasisPoints(value: Pence, basisPoints: number): Pence {
  return Number(divideHalfUp(BigInt(value) * BigInt(basisPoints), 10000n));
}

export const FULL_SHARE_BASIS_POINTS = 10_000;
