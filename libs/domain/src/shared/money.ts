/** Money is integer pence (GBP). These helpers never touch floating point for totals. */
export type Pence = number;

export function isPence(value: unknown): value is Pence {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function sumPence(values: Iterable<Pence>): Pence {
  let total = 0n;
  for (const v of values) total += BigInt(v);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('total exceeds the safe integer range');
  return Number(total);
}

/**
 * numerator ÷ denominator rounded half up, exactly (BigInt), for numerator ≥ 0 and denominator > 0:
 * floor((2 × numerator + denominator) / (2 × denominator)). The one rounding rule
 * of the ledger's proportions (shares, valuations, discounting, return per pound).
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** Formats pence as pounds, e.g. 154100 -> "£1,541.00"; negative as "-£12.00". */
export function formatPounds(pence: Pence): string {
  const sign = pence < 0 ? '-' : '';
  const abs = BigInt(Math.abs(pence));
  const pounds = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const pennies = (abs % 100n).toString().padStart(2, '0');
  return `${sign}£${pounds}.${pennies}`;
}

/**
 * Return on investment as "£X.XX per £1": value ÷ cost rounded half-up to the penny,
 * in integer arithmetic so that e.g. 1541 / 100 is exactly "£15.41 per £1". Null when cost is 0.
 */
export function returnPerPound(
  valuePence: Pence,
  costPence: Pence,
): { ratio: number; perPound: string; pencePerPound: number } | null {
  if (costPence <= 0) return null;
  const v = BigInt(valuePence);
  const c = BigInt(costPence);
  const negative = v < 0n;
  const absV = negative ? -v : v;
  // pence returned per £1 (100p) invested, rounded half up
  const pencePerPound = divideHalfUp(absV * 100n, c);
  const signed = negative ? -pencePerPound : pencePerPound;
  return {
    ratio: valuePence / costPence,
    pencePerPound: Number(signed),
    perPound: `${formatPounds(Number(signed))} per £1`,
  };
}
