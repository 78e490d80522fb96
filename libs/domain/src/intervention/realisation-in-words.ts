import { formatPounds } from '../shared/money';
import { fromHundredths } from '../shared/quantity';
import { Realisation } from './benefit-realisation';
import { NOT_REALISED_PARTS, REALISED_PARTS } from './intervention-value-keys';
import { BenefitState } from './intervention.state';

/** Each part of realised and not-realised value in words, for the notes of an intervention's value. */
export const PART_WORDS: Record<(typeof REALISED_PARTS)[number] | (typeof NOT_REALISED_PARTS)[number], string> = {
  validatedNotCapacityPence: 'validated (not capacity: realised as validated)',
  cashReleasedPence: 'cash released',
  reinvestedPence: 'reinvested',
  awaitingReinvestmentPence: 'harvested for reinvestment, not yet reinvested, at the validated unit value',
  cashNotReleasedPence: 'harvested as cash-release, cash not released',
  reinvestedBelowValuePence: 'reinvestments recorded below the validated unit value by',
  unharvestedPence: 'left unharvested, at the validated unit value',
  undecidedPence: 'not yet harvested, at the validated unit value',
};

/** "realised £x = cash released £a + reinvested £b + awaiting reinvestment £c" (or "as validated"). */
export function realisationInWords(realisation: Realisation, benefit: BenefitState): string {
  if (benefit.benefitType !== 'capacity') return `realised as validated, ${formatPounds(realisation.realisedPence)}`;
  return (
    `validated ${formatPounds(realisation.validatedPence)} for ${fromHundredths(realisation.quantities.validated)} ${benefit.unit}: realised ${formatPounds(realisation.realisedPence)} = ` +
    `cash released ${formatPounds(realisation.realised.cashReleasedPence)} + reinvested ${formatPounds(realisation.realised.reinvestedPence)} ` +
    `+ awaiting reinvestment ${formatPounds(realisation.realised.awaitingReinvestmentPence)} (not realised: unharvested ${formatPounds(realisation.notRealised.unharvestedPence)}, ` +
    `undecided ${formatPounds(realisation.notRealised.undecidedPence)}, cash not released ${formatPounds(realisation.notRealised.cashNotReleasedPence)})`
  );
}
