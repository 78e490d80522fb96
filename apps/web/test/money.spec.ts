import fc from 'fast-check';
import { formatPence, parsePounds } from '../src/money';

/** The exact decimal of a number of pence, written with BigInt: what the pounds shown must say. */
const exactPounds = (pence: number) => {
  const magnitude = BigInt(Math.abs(pence));
  return `${pence < 0 ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
};

describe('money in the workspace: pence from the API, pounds on the page', () => {
  it('formats pence as en-GB pounds', () => {
    expect(formatPence(62_400_000)).toBe('£624,000.00');
    expect(formatPence(1_234_567)).toBe('£12,345.67');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(0)).toBe('£0.00');
    expect(formatPence(-1_250_000)).toBe('-£12,500.00');
  });

  it('is exact to the penny for every safe integer, where dividing by 100 as a float is not', () => {
    expect(formatPence(Number.MAX_SAFE_INTEGER)).toBe('£90,071,992,547,409.91');
    fc.assert(
      fc.property(fc.maxSafeInteger(), (pence) => {
        expect(formatPence(pence).replace(/[£,]/g, '')).toBe(exactPounds(pence));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not a whole number of pence', () => {
    expect(() => formatPence(1.5)).toThrow(RangeError);
    expect(() => formatPence(Number.NaN)).toThrow(RangeError);
  });

  it('reads pounds typed by a person back into the same pence, as text', () => {
    expect(parsePounds('12,000.00')).toBe(1_200_000);
    expect(parsePounds('£600')).toBe(60_000);
    expect(parsePounds('0.7')).toBe(70);
    expect(parsePounds('1234.5')).toBe(123_450);
    for (const bad of ['', 'abc', '1.234', '-5', '1,23', '12.']) expect(parsePounds(bad)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (pence) => {
        expect(parsePounds(formatPence(pence))).toBe(pence);
      }),
      { numRuns: 2000 },
    );
  });
});
