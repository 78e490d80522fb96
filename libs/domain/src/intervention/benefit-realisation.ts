import { Pence } from '../shared/money';
import { Hundredths } from '../shared/quantity';
import { BenefitType, Harvest } from './intervention-vocabulary';
import { ValidatedAmount, valueAtValidatedUnit } from './validated-unit-value';

/** What became of one release of a capacity benefit: harvested each way, cash released, each reinvestment. */
export interface CapacityUse {
  harvested: Record<Harvest, Hundredths>;
  cashReleasedPence: Pence;
  reinvestments: readonly { quantity: Hundredths; valuePence: Pence | null }[];
}

/** A validated benefit and, for a capacity benefit, what became of its releases. */
export interface RealisationInput extends ValidatedAmount {
  benefitType: BenefitType;
  releases: readonly CapacityUse[];
}

/**
 * A validated benefit's value, three parts realised and four not (docs/value-and-realisation.md):
 * validatedPence = realisedPence + Σ notRealised, to the penny.
 */
export interface Realisation {
  validatedPence: Pence;
  realisedPence: Pence;
  /** Realised as cash: a cash-releasing benefit's validated value, or the cash released from a capacity benefit. */
  cashPence: Pence;
  nonCashPence: Pence;
  realised: {
    /** A validated benefit of any type but capacity counts as realised at its validated value. */
    validatedNotCapacityPence: Pence;
    /** Cash actually released from capacity harvested as cash-release. */
    cashReleasedPence: Pence;
    /** Reinvestments, at the value each records (or, recording none, at the validated unit value). */
    reinvestedPence: Pence;
    /** Capacity harvested for reinvestment and not yet given a reinvestment, at the validated unit value. */
    awaitingReinvestmentPence: Pence;
  };
  /** Shown beside, never counted as realised. */
  notRealised: {
    /** Capacity harvested as cash-release whose cash is not (yet) released, at the validated unit value. */
    cashNotReleasedPence: Pence;
    /** How much less the reinvestments record than their quantity at the validated unit value. */
    reinvestedBelowValuePence: Pence;
    /** Capacity left unharvested, at the validated unit value. */
    unharvestedPence: Pence;
    /** Validated capacity not yet harvested either way (released or not), at the validated unit value, with the pennies rounding leaves. */
    undecidedPence: Pence;
  };
  /**
   * Cash, or reinvested value, recorded beyond what the validated value allows: only events recorded before the limits
   * were enforced can hold any (zero for every ledger written since). Counted on neither side: not realised, not
   * validated, shown so that nothing recorded is silently dropped.
   */
  recordedBeyondLimitsPence: Pence;
  /** Capacity quantities, in hundredths of the benefit's unit (all zero for other benefits). */
  quantities: {
    validated: Hundredths;
    harvestedAsCash: Hundredths;
    harvestedForReinvestment: Hundredths;
    reinvested: Hundredths;
    unharvested: Hundredths;
    undecided: Hundredths;
  };
}

const ZERO_QUANTITIES: Realisation['quantities'] = {
  validated: 0,
  harvestedAsCash: 0,
  harvestedForReinvestment: 0,
  reinvested: 0,
  unharvested: 0,
  undecided: 0,
};

/**
 * How much of a validated benefit was realised. Any type but capacity: all of it, at its validated value. A capacity
 * benefit counts only what its receiving organisation harvested: the cash actually released, its reinvestments at the
 * value they record (none recorded: at the validated unit value), and what was harvested for reinvestment but not yet
 * reinvested at the validated unit value. What was left unharvested, or not decided yet, is shown beside it at the
 * validated unit value, never counted. Every "at the validated unit value" amount is valueAtValidatedUnit (rounded
 * down), the pennies left go to `undecidedPence`, so the parts add up to the validated value exactly; and because
 * the limits (intervention.decider.ts) bound cash and recorded values by the same arithmetic, nothing realised can
 * exceed what was validated.
 */
export function realiseBenefit(input: RealisationInput): Realisation {
  const validatedPence = input.validatedValuePence;
  if (input.benefitType !== 'capacity') {
    const cash = input.benefitType === 'cash-releasing';
    return {
      validatedPence,
      realisedPence: validatedPence,
      cashPence: cash ? validatedPence : 0,
      nonCashPence: cash ? 0 : validatedPence,
      realised: {
        validatedNotCapacityPence: validatedPence,
        cashReleasedPence: 0,
        reinvestedPence: 0,
        awaitingReinvestmentPence: 0,
      },
      notRealised: { cashNotReleasedPence: 0, reinvestedBelowValuePence: 0, unharvestedPence: 0, undecidedPence: 0 },
      recordedBeyondLimitsPence: 0,
      quantities: ZERO_QUANTITIES,
    };
  }
  const at = (quantity: Hundredths) => valueAtValidatedUnit(input, quantity);
  let harvestedAsCash = 0;
  let harvestedForReinvestment = 0;
  let unharvested = 0;
  let reinvested = 0;
  let cashReleasedPence = 0;
  let reinvestedAtUnitPence = 0;
  let reinvestedRecordedPence = 0;
  let reinvestedCountedPence = 0;
  for (const release of input.releases) {
    harvestedAsCash += release.harvested['cash-release'];
    harvestedForReinvestment += release.harvested.reinvest;
    unharvested += release.harvested.unharvested;
    cashReleasedPence += release.cashReleasedPence;
    for (const r of release.reinvestments) {
      reinvested += r.quantity;
      reinvestedAtUnitPence += at(r.quantity);
      reinvestedRecordedPence += r.valuePence ?? at(r.quantity);
      // a reinvestment counts no more than its quantity is worth as validated (the limit; only an older event records more)
      reinvestedCountedPence += Math.min(r.valuePence ?? at(r.quantity), at(r.quantity));
    }
  }
  // Quantities harvested count no further than what was validated, in the order cash, reinvestment, unharvested: only
  // a release recorded before the limits can exceed it. Under the limits every cap below leaves the figure as it is.
  const Q = input.validatedQuantity;
  const cashH = Math.min(harvestedAsCash, Q);
  const reinvestH = Math.min(harvestedForReinvestment, Q - cashH);
  const unharvestedH = Math.min(unharvested, Q - cashH - reinvestH);
  const harvestedAsCashPence = at(cashH);
  const harvestedForReinvestmentPence = at(reinvestH);
  const unharvestedPence = at(unharvestedH);
  const cashCountedPence = Math.min(cashReleasedPence, harvestedAsCashPence);
  const reinvestedAtUnitCapped = Math.min(reinvestedAtUnitPence, harvestedForReinvestmentPence);
  const reinvestedPence = Math.min(reinvestedCountedPence, reinvestedAtUnitCapped);
  const awaitingReinvestmentPence = harvestedForReinvestmentPence - reinvestedAtUnitCapped;
  const realisedPence = cashCountedPence + reinvestedPence + awaitingReinvestmentPence;
  return {
    validatedPence,
    realisedPence,
    cashPence: cashCountedPence,
    nonCashPence: reinvestedPence + awaitingReinvestmentPence,
    realised: {
      validatedNotCapacityPence: 0,
      cashReleasedPence: cashCountedPence,
      reinvestedPence,
      awaitingReinvestmentPence,
    },
    notRealised: {
      cashNotReleasedPence: harvestedAsCashPence - cashCountedPence,
      reinvestedBelowValuePence: reinvestedAtUnitCapped - reinvestedPence,
      unharvestedPence,
      undecidedPence: validatedPence - harvestedAsCashPence - harvestedForReinvestmentPence - unharvestedPence,
    },
    recordedBeyondLimitsPence: cashReleasedPence - cashCountedPence + (reinvestedRecordedPence - reinvestedPence),
    quantities: {
      validated: Q,
      harvestedAsCash,
      harvestedForReinvestment,
      reinvested,
      unharvested,
      undecided: Math.max(0, Q - harvestedAsCash - harvestedForReinvestment - unharvested),
    },
  };
}
