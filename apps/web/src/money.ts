/**
 * Money arrives from the API as integer pence and is shown in pounds. The conversion is integer arithmetic into a
 * decimal string, which Intl.NumberFormat formats exactly (it accepts decimal strings): no figure is ever divided as
 * a float, so £1,234,567,890.01 stays £1,234,567,890.01 up to the largest safe integer.
 */
const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const plain = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** `pence` as pounds, e.g. 62400000 → "£624,000.00", -5 → "-£0.05". */
export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`not a whole number of pence: ${pence}`);
  const magnitude = Math.abs(pence);
  const penceOfPound = magnitude % 100; // exact for integers
  const pounds = (magnitude - penceOfPound) / 100; // an exact multiple of 100 divided by 100: exact
  const decimal =
    `${pence < 0 ? '-' : ''}${pounds}.${String(penceOfPound).padStart(2, '0')}` as Intl.StringNumericLiteral;
  return gbp.format(decimal);
}

/** A quantity (bed-days, sessions: at most two decimals) with en-GB grouping. */
export function formatQuantity(quantity: number): string {
  return plain.format(quantity);
}

/** Basis points as a percentage: 6000 → "60%", 1250 → "12.5%". */
export function formatBasisPoints(basisPoints: number): string {
  return `${plain.format(basisPoints / 100)}%`;
}

/**
 * What a person types as pounds ("1,234.5", "£600", "0.07") as integer pence, or null if it is not an amount of
 * money: digits with optional thousands commas and at most two decimals. Parsed as text, never as a float.
 */
export function parsePounds(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^£/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const pence = Number(match[1]) * 100 + Number((match.at(2) ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : null;
}
