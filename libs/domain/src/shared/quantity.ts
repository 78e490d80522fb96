/**
 * Capacity quantities (bed-days, clinical hours) may be fractional, to two decimal places.
 * The domain adds and compares them as integer hundredths so that sums never drift.
 */
export type Hundredths = number;

export function isQuantity(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return false;
  const scaled = value * 100;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6 && Number.isSafeInteger(Math.round(scaled));
}

export const toHundredths = (quantity: number): Hundredths => Math.round(quantity * 100);
export const fromHundredths = (hundredths: Hundredths): number => hundredths / 100;
