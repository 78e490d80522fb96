import { Pence } from '../shared/money';
import { Hundredths } from '../shared/quantity';

/**
 * What finance accepted of a benefit: its validated value and the quantity it was validated for (hundredths of the
 * benefit's unit). The validated unit value is their ratio; every limit and every "at validated unit value"
 * figure is read through `valueAtValidatedUnit`, so the limits and the realised arithmetic round alike.
 */
export interface ValidatedAmount {
  validatedValuePence: Pence;
  validatedQuantity: Hundredths;
}

/**
 * The value of `quantity` (hundredths) at the validated unit value, rounded **down** to the penny:
 * floor(quantity × value ÷ validated quantity), exactly (BigInt). Rounding down means a part never counts more
 * than its share, so parts at unit value never add up to more than the validated value. A benefit validated for
 * no quantity gives nothing.
 */
export function valueAtValidatedUnit(validated: ValidatedAmount, quantity: Hundredths): Pence {
  if (validated.validatedQuantity <= 0 || quantity <= 0) return 0;
  return Number((BigInt(quantity) * BigInt(validated.validatedValuePence)) / BigInt(validated.validatedQuantity));
}
