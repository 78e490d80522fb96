import { FinancialYear } from '../shared/financial-year';
import { Pence, formatPounds } from '../shared/money';
import { fromHundredths } from '../shared/quantity';
import { Realisation, realiseBenefit } from './benefit-realisation';
import { withinCeiling } from './figures-within-ceiling';
import {
  NOT_REALISED_PARTS,
  REALISED_PARTS,
  VALUE_WAYS,
  ValueContribution,
  interventionValueKeys as K,
} from './intervention-value-keys';
import { InterventionState } from './intervention.state';
import { PART_WORDS, realisationInWords } from './realisation-in-words';

/** A capacity benefit's quantities (in its unit) and its realisation, for the answer's capacity list. */
export interface CapacityBenefitValue {
  benefitId: string;
  unit: string;
  realisation: Realisation;
}

export interface InterventionValueBasis {
  contributions: ValueContribution[];
  /** Validated capacity benefits of the year, in benefit id order. */
  capacity: CapacityBenefitValue[];
  /** Benefits with a multi-year profile (not rejected). */
  multiYearBenefits: number;
  /** Present only when a stored figure is beyond the ceiling per figure: what the totals leave out, and why. */
  excludedFigures: string[];
  /** Which costs every ROI of the answer counts, in words. */
  costsCounted: string;
}

/**
 * The terms of one intervention's value, from its state: costs (direct, indirect, by bearer); claimed (every claim at
 * its current value, whatever its status), validated (finance's value) and realised (realiseBenefit) value, each split
 * cash / non-cash and by type; net = each way − costs; what of validated value is not realised, beside it. With
 * `financialYear`, costs and benefits of that year only (a benefit's realisation counts in the benefit's own year,
 * whenever its capacity was harvested). Every ROI counts the same costs: all the intervention's costs in scope.
 */
export function interventionValueBasis(
  state: InterventionState,
  financialYear: FinancialYear | null = null,
): InterventionValueBasis {
  const { costs, benefits, releases: usableReleases, excludedFigures } = withinCeiling(state);
  const inYear = (entry: { financialYear: FinancialYear }) =>
    financialYear === null || entry.financialYear === financialYear;
  const contributions: ValueContribution[] = [];
  const add = (key: readonly string[], amount: Pence, note: string, about: ValueContribution['about']) =>
    contributions.push({ key, amount, note, about });

  for (const c of costs.filter(inYear)) {
    const about = { costId: c.costId };
    const note = `cost ${c.costId} (${c.costType}, ${c.financialYear}) borne by ${c.bearerOrganisationId} ${formatPounds(c.amountPence)}`;
    add(K.cost(c.costType), c.amountPence, note, about);
    add(K.cost('total'), c.amountPence, note, about);
    add(K.costBorneBy(c.bearerOrganisationId), c.amountPence, note, about);
    for (const way of VALUE_WAYS) add(K.net(way), -c.amountPence, `less ${note}`, about);
  }

  const capacity: CapacityBenefitValue[] = [];
  let multiYearBenefits = 0;
  for (const b of benefits
    .filter(inYear)
    .sort((x, y) => (x.benefitId < y.benefitId ? -1 : x.benefitId > y.benefitId ? 1 : 0))) {
    const about = { benefitId: b.benefitId, releases: false };
    const cash = b.benefitType === 'cash-releasing';
    const what = `benefit ${b.benefitId} (${b.benefitType}, ${b.financialYear})`;
    const claimedNote = `${what} claimed ${formatPounds(b.valuePence)}`;
    add(K.way('claimed'), b.valuePence, claimedNote, about);
    add(K.wayCash('claimed', cash), b.valuePence, claimedNote, about);
    add(K.byType(b.benefitType, 'claimed'), b.valuePence, claimedNote, about);
    add(K.net('claimed'), b.valuePence, claimedNote, about);
    if (b.status === 'rejected') {
      const note = `${what} rejected, claimed at ${formatPounds(b.valuePence)}`;
      add(K.rejected, b.valuePence, note, about);
      add(K.byType(b.benefitType, 'rejected'), b.valuePence, note, about);
    }
    if (b.profile && b.status !== 'rejected') {
      multiYearBenefits += 1;
      add(
        K.multiYear('undiscounted'),
        b.profile.undiscountedPence,
        `${what}: ${b.profile.years.length} years undiscounted`,
        about,
      );
      add(
        K.multiYear('present-value'),
        b.profile.presentValuePence,
        `${what}: present value at ${b.profile.rateBasisPoints / 100}% (${b.profile.schedule})`,
        about,
      );
      add(
        K.multiYear('adjusted-present-value'),
        b.profile.adjustedPresentValuePence,
        `${what}: present value less optimism bias`,
        about,
      );
    }
    if (b.status !== 'validated') continue;

    const validatedPence = b.validatedValuePence ?? 0;
    const validatedNote = `${what} validated ${formatPounds(validatedPence)}`;
    add(K.way('validated'), validatedPence, validatedNote, about);
    add(K.wayCash('validated', cash), validatedPence, validatedNote, about);
    add(K.byType(b.benefitType, 'validated'), validatedPence, validatedNote, about);
    add(K.net('validated'), validatedPence, validatedNote, about);

    const releases = usableReleases.filter((r) => r.benefitId === b.benefitId);
    const r = realiseBenefit({
      benefitType: b.benefitType,
      validatedValuePence: validatedPence,
      validatedQuantity: b.validatedQuantity ?? b.quantity,
      releases,
    });
    const withReleases = { benefitId: b.benefitId, releases: b.benefitType === 'capacity' };
    const realisedNote = `${what} ${realisationInWords(r, b)}`;
    add(K.way('realised'), r.realisedPence, realisedNote, withReleases);
    add(K.byType(b.benefitType, 'realised'), r.realisedPence, realisedNote, withReleases);
    add(K.net('realised'), r.realisedPence, realisedNote, withReleases);
    add(
      K.wayCash('realised', true),
      r.cashPence,
      `${what}: realised as cash ${formatPounds(r.cashPence)}`,
      withReleases,
    );
    add(
      K.wayCash('realised', false),
      r.nonCashPence,
      `${what}: realised other than as cash ${formatPounds(r.nonCashPence)}`,
      withReleases,
    );
    for (const part of REALISED_PARTS)
      add(
        K.realisedPart(part),
        r.realised[part],
        `${what}: ${PART_WORDS[part]} ${formatPounds(r.realised[part])}`,
        withReleases,
      );
    for (const part of NOT_REALISED_PARTS)
      add(
        K.notRealised(part),
        r.notRealised[part],
        `${what}: ${PART_WORDS[part]} ${formatPounds(r.notRealised[part])}`,
        withReleases,
      );
    add(
      K.notRealised('total'),
      validatedPence - r.realisedPence,
      `${what}: validated ${formatPounds(validatedPence)} − realised ${formatPounds(r.realisedPence)}`,
      withReleases,
    );
    add(
      K.notRealised('recordedBeyondLimitsPence'),
      r.recordedBeyondLimitsPence,
      `${what}: cash or reinvested value recorded beyond what its validated value allows (before the limits), counted on neither side ${formatPounds(r.recordedBeyondLimitsPence)}`,
      withReleases,
    );
    if (b.benefitType === 'capacity') {
      capacity.push({ benefitId: b.benefitId, unit: b.unit, realisation: r });
      add(K.capacity(b.benefitId, 'validated'), validatedPence, validatedNote, withReleases);
      add(K.capacity(b.benefitId, 'realised'), r.realisedPence, realisedNote, withReleases);
      add(
        K.capacity(b.benefitId, 'unharvested'),
        r.notRealised.unharvestedPence,
        `${what}: ${fromHundredths(r.quantities.unharvested)} ${b.unit} left unharvested at the validated unit value`,
        withReleases,
      );
      add(
        K.capacity(b.benefitId, 'undecided'),
        r.notRealised.undecidedPence,
        `${what}: ${fromHundredths(r.quantities.undecided)} ${b.unit} not yet harvested either way, at the validated unit value`,
        withReleases,
      );
    }
  }
  const scope = financialYear ? `${financialYear} costs` : 'costs of every year';
  return {
    contributions,
    capacity,
    multiYearBenefits,
    excludedFigures,
    costsCounted: `all the intervention's ${scope}, direct and indirect, whoever bore them (costs.totalPence)`,
  };
}
