import { invalidReference, ruleViolated } from '../shared/domain-error';
import { FinancialYear } from '../shared/financial-year';
import { Pence, divideHalfUp, formatPounds } from '../shared/money';
import { figureProblem } from '../shared/money-limits';
import { toHundredths } from '../shared/quantity';
import { DiscountedProfile, discountProfile, profileRequestOf } from '../valuation/green-book';
import { editionInForce } from '../valuation/unit-cost.state';
import { BenefitValuationInput } from './intervention.commands';
import { Quantity, Valuation } from './intervention.events';

/** quantity × unit value, to the penny (quantities are hundredths; half up). */
export function valueOfQuantity(quantity: Quantity, unitValuePence: Pence): Pence {
  return Number(divideHalfUp(BigInt(toHundredths(quantity.value)) * BigInt(unitValuePence), 100n));
}

export interface ValuedBenefit {
  valuation: Valuation;
  valuePence: Pence;
  profile: DiscountedProfile | null;
}

/** A catalogue valuation: the price of the edition in force for the benefit's year, recorded with the edition. */
function valueFromCatalogue(
  quantity: Quantity,
  input: BenefitValuationInput,
  financialYear: FinancialYear,
  unitCostId: string,
): { valuation: Valuation; valuePence: Pence } {
  const { valuation, unitCost } = input;
  if (valuation.method !== 'unit-cost') {
    throw ruleViolated(
      'unit-cost-needs-method',
      `valuation.unitCostId is given, so valuation.method must be 'unit-cost', not '${valuation.method}'`,
      'valuation.method',
    );
  }
  if (!unitCost?.published)
    throw invalidReference(
      'valuation.unitCostId',
      `valuation.unitCostId names unit cost '${unitCostId}', which is not in the catalogue`,
    );
  const edition = editionInForce(unitCost, financialYear);
  if (!edition) {
    const editions = unitCost.editions.map((e) => `${e.edition} from ${e.validFrom}`).join(', ');
    throw ruleViolated(
      'no-unit-cost-edition-in-force',
      `unit cost '${unitCostId}' has no edition in force for ${financialYear} (an edition applies to a year when it is valid from on or before 1 April of it; editions: ${editions})`,
      'valuation.unitCostId',
    );
  }
  if (valuation.unitValuePence !== undefined && valuation.unitValuePence !== edition.pricePence) {
    throw ruleViolated(
      'unit-value-mismatch',
      `valuation.unitValuePence (${valuation.unitValuePence}) differs from the price of '${unitCostId}' edition ${edition.edition} in force for ${financialYear} (${edition.pricePence}): leave it out and the catalogue's price is used`,
      'valuation.unitValuePence',
    );
  }
  const valuePence = valueOfQuantity(quantity, edition.pricePence);
  if (input.valuePence !== null && input.valuePence !== valuePence) {
    throw ruleViolated(
      'valuation-mismatch',
      `valuePence must equal quantity × the catalogue price (${quantity.value} × ${edition.pricePence}, '${unitCostId}' edition ${edition.edition} = ${valuePence}, ${formatPounds(valuePence)}), got ${input.valuePence}: leave it out and the system computes it`,
      'valuePence',
    );
  }
  return {
    valuation: {
      method: 'unit-cost',
      unitCostId,
      unitValuePence: edition.pricePence,
      edition: edition.edition,
      priceYear: edition.priceYear,
    },
    valuePence,
  };
}

/** A client valuation: when a unit value is given, the value must be quantity × unit value, to the penny. */
function valueAsGiven(quantity: Quantity, input: BenefitValuationInput): { valuation: Valuation; valuePence: Pence } {
  const { valuation, valuePence } = input;
  if (valuePence === null) {
    throw ruleViolated(
      'value-required',
      'valuePence is required unless the benefit is valued from the catalogue (valuation.unitCostId)',
      'valuePence',
    );
  }
  if (valuation.unitValuePence !== undefined) {
    const expected = valueOfQuantity(quantity, valuation.unitValuePence);
    if (expected !== valuePence) {
      throw ruleViolated(
        'valuation-mismatch',
        `valuePence must equal quantity × unitValuePence (${quantity.value} × ${valuation.unitValuePence} = ${expected}), got ${valuePence}`,
        'valuePence',
      );
    }
  }
  return { valuation, valuePence };
}

/**
 * Values a claim or revision (pure): from the catalogue entry the edge read, or as the client gave it; then
 * discounts its multi-year profile, the one asked for or, on a revision that gives none, the benefit's previous
 * profile recomputed on the new value.
 */
export function valueBenefit(
  quantity: Quantity,
  input: BenefitValuationInput,
  financialYear: FinancialYear,
  previousProfile: DiscountedProfile | null = null,
): ValuedBenefit {
  const { unitCostId } = input.valuation;
  const { valuation, valuePence } = unitCostId
    ? valueFromCatalogue(quantity, input, financialYear, unitCostId)
    : valueAsGiven(quantity, input);
  // before the profile is discounted from it: a value beyond the ceiling would make its years' sums inexact
  const problem = figureProblem(valuePence);
  if (problem) throw ruleViolated('money-ceiling', `valuePence (${valuePence}) ${problem}`, 'valuePence');
  const request = input.profile ?? (previousProfile ? profileRequestOf(previousProfile) : null);
  return { valuation, valuePence, profile: request ? discountProfile(financialYear, valuePence, request) : null };
}
