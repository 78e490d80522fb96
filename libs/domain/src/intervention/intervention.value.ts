import { FinancialYear } from '../shared/financial-year';
import { Pence, formatPounds, returnPerPound } from '../shared/money';
import { figureProblem } from '../shared/money-limits';
import { fromHundredths } from '../shared/quantity';
import { Realisation, realiseBenefit } from './benefit-realisation';
import { BenefitState, CostState, InterventionState, ReleaseState } from './intervention.state';
import { BENEFIT_TYPES, BenefitType } from './intervention-vocabulary';

/** The three ways an intervention's value is counted (docs/value-and-realisation.md). */
export const VALUE_WAYS = ['claimed', 'validated', 'realised'] as const;
export type ValueWay = (typeof VALUE_WAYS)[number];

/** The parts realised value is made of, and the parts of validated value that are not realised (shown beside). */
export const REALISED_PARTS = [
  'validatedNotCapacityPence',
  'cashReleasedPence',
  'reinvestedPence',
  'awaitingReinvestmentPence',
] as const;
export const NOT_REALISED_PARTS = [
  'cashNotReleasedPence',
  'reinvestedBelowValuePence',
  'unharvestedPence',
  'undecidedPence',
] as const;

/**
 * One term of an intervention's value: `amount` added to the figure `key`, with what it is (`note`) and what it rests
 * on (`about`: a cost, or a benefit's claim, revisions and decision, and with `releases` the events of its capacity
 * releases too). Every figure of the value is the sum of its contributions, so the same list gives the totals and,
 * with the events' positions, each figure's trace.
 */
export interface ValueContribution {
  key: readonly string[];
  amount: Pence;
  note: string;
  about: { costId: string } | { benefitId: string; releases: boolean };
}

/** The figure keys of an intervention's value. */
export const interventionValueKeys = {
  cost: (kind: 'direct' | 'indirect' | 'total') => ['costs', kind],
  costBorneBy: (organisationId: string) => ['costs', 'bearer', organisationId],
  way: (way: ValueWay) => [way],
  wayCash: (way: ValueWay, cash: boolean) => [way, cash ? 'cash' : 'non-cash'],
  net: (way: ValueWay) => ['net', way],
  rejected: ['rejected'],
  byType: (type: BenefitType, what: ValueWay | 'rejected') => ['by-type', type, what],
  realisedPart: (part: (typeof REALISED_PARTS)[number]) => ['realised', 'part', part],
  notRealised: (part: (typeof NOT_REALISED_PARTS)[number] | 'total' | 'recordedBeyondLimitsPence') => [
    'not-realised',
    part,
  ],
  capacity: (benefitId: string, what: 'validated' | 'realised' | 'unharvested' | 'undecided') => [
    'capacity',
    benefitId,
    what,
  ],
  multiYear: (what: 'undiscounted' | 'present-value' | 'adjusted-present-value') => ['multi-year', what],
  roi: (way: ValueWay) => ['roi', way],
};
const K = interventionValueKeys;

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
  const inYear = (x: { financialYear: FinancialYear }) => financialYear === null || x.financialYear === financialYear;
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

const PART_WORDS: Record<(typeof REALISED_PARTS)[number] | (typeof NOT_REALISED_PARTS)[number], string> = {
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
function realisationInWords(r: Realisation, b: BenefitState): string {
  if (b.benefitType !== 'capacity') return `realised as validated, ${formatPounds(r.realisedPence)}`;
  return (
    `validated ${formatPounds(r.validatedPence)} for ${fromHundredths(r.quantities.validated)} ${b.unit}: realised ${formatPounds(r.realisedPence)} = ` +
    `cash released ${formatPounds(r.realised.cashReleasedPence)} + reinvested ${formatPounds(r.realised.reinvestedPence)} ` +
    `+ awaiting reinvestment ${formatPounds(r.realised.awaitingReinvestmentPence)} (not realised: unharvested ${formatPounds(r.notRealised.unharvestedPence)}, ` +
    `undecided ${formatPounds(r.notRealised.undecidedPence)}, cash not released ${formatPounds(r.notRealised.cashNotReleasedPence)})`
  );
}

/** Σ of the contributions to each figure, by key (JSON of the key's parts). */
export function sumContributions(contributions: readonly ValueContribution[]): Map<string, Pence> {
  const sums = new Map<string, bigint>();
  for (const c of contributions) {
    const key = JSON.stringify(c.key);
    sums.set(key, (sums.get(key) ?? 0n) + BigInt(c.amount));
  }
  return new Map([...sums].map(([key, value]) => [key, Number(value)]));
}

type Roi = ReturnType<typeof returnPerPound>;
export interface WayValue {
  totalPence: Pence;
  cashPence: Pence;
  nonCashPence: Pence;
  netPence: Pence;
  roi: Roi;
}

export interface InterventionValue {
  interventionId: string;
  costs: { directPence: Pence; indirectPence: Pence; totalPence: Pence; byBearer: Record<string, Pence> };
  benefits: { claimedPence: Pence; validatedPence: Pence; rejectedPence: Pence; realisedPence: Pence };
  byType: Record<
    BenefitType,
    { claimedPence: Pence; validatedPence: Pence; rejectedPence: Pence; realisedPence: Pence }
  >;
  /** Claimed, validated and realised, each with cash / non-cash, net of costs and ROI; every ROI counts `costsCounted`. */
  value: Record<ValueWay, WayValue> & { costsCounted: string };
  realisedParts: Record<(typeof REALISED_PARTS)[number], Pence>;
  notRealised: Record<(typeof NOT_REALISED_PARTS)[number] | 'totalPence' | 'recordedBeyondLimitsPence', Pence>;
  /** Net = validated − costs; ROI = validated ÷ costs (the value.validated figures). */
  netValuePence: Pence;
  roi: Roi;
  /** Benefits with a multi-year profile (claimed or validated, not rejected): undiscounted, Green Book present value, after optimism bias. */
  multiYear: { benefits: number; undiscountedPence: Pence; presentValuePence: Pence; adjustedPresentValuePence: Pence };
  excludedFigures?: string[];
}

/** The value of one intervention from its state, as plain pence (the answer's figures, without references). */
export function interventionValue(
  state: InterventionState,
  financialYear: FinancialYear | null = null,
): InterventionValue {
  const basis = interventionValueBasis(state, financialYear);
  const sums = sumContributions(basis.contributions);
  const v = (key: readonly string[]) => sums.get(JSON.stringify(key)) ?? 0;
  const byBearer = Object.fromEntries(
    [...sums]
      .filter(([key]) => key.startsWith('["costs","bearer",'))
      .map(([key, pence]) => [(JSON.parse(key) as string[])[2], pence]),
  );
  const total = v(K.cost('total'));
  const way = (w: ValueWay): WayValue => ({
    totalPence: v(K.way(w)),
    cashPence: v(K.wayCash(w, true)),
    nonCashPence: v(K.wayCash(w, false)),
    netPence: v(K.net(w)),
    roi: returnPerPound(v(K.way(w)), total),
  });
  return {
    interventionId: state.interventionId ?? '',
    costs: { directPence: v(K.cost('direct')), indirectPence: v(K.cost('indirect')), totalPence: total, byBearer },
    benefits: {
      claimedPence: v(K.way('claimed')),
      validatedPence: v(K.way('validated')),
      rejectedPence: v(K.rejected),
      realisedPence: v(K.way('realised')),
    },
    byType: Object.fromEntries(
      BENEFIT_TYPES.map((t) => [
        t,
        {
          claimedPence: v(K.byType(t, 'claimed')),
          validatedPence: v(K.byType(t, 'validated')),
          rejectedPence: v(K.byType(t, 'rejected')),
          realisedPence: v(K.byType(t, 'realised')),
        },
      ]),
    ) as InterventionValue['byType'],
    value: {
      claimed: way('claimed'),
      validated: way('validated'),
      realised: way('realised'),
      costsCounted: basis.costsCounted,
    },
    realisedParts: Object.fromEntries(
      REALISED_PARTS.map((p) => [p, v(K.realisedPart(p))]),
    ) as InterventionValue['realisedParts'],
    notRealised: {
      ...Object.fromEntries(NOT_REALISED_PARTS.map((p) => [p, v(K.notRealised(p))])),
      totalPence: v(K.notRealised('total')),
      recordedBeyondLimitsPence: v(K.notRealised('recordedBeyondLimitsPence')),
    } as InterventionValue['notRealised'],
    netValuePence: v(K.net('validated')),
    roi: returnPerPound(v(K.way('validated')), total),
    multiYear: {
      benefits: basis.multiYearBenefits,
      undiscountedPence: v(K.multiYear('undiscounted')),
      presentValuePence: v(K.multiYear('present-value')),
      adjustedPresentValuePence: v(K.multiYear('adjusted-present-value')),
    },
    ...(basis.excludedFigures.length ? { excludedFigures: basis.excludedFigures } : {}),
  };
}

/**
 * The costs and claims whose figures are whole pence within the ceiling, and the others named: a figure recorded
 * beyond it (before the ceiling was enforced) is left out of every total rather than stop the answer.
 */
function withinCeiling(state: InterventionState): {
  costs: CostState[];
  benefits: BenefitState[];
  releases: ReleaseState[];
  excludedFigures: string[];
} {
  const excludedFigures: string[] = [];
  const costs = state.costs.filter((c) => {
    const problem = figureProblem(c.amountPence);
    if (problem) excludedFigures.push(`cost '${c.costId}': amountPence ${problem}`);
    return !problem;
  });
  const benefits = [...state.benefits.values()].filter((b) => {
    const problem =
      figureProblem(b.valuePence) ??
      figureProblem(b.validatedValuePence) ??
      (b.profile ? figureProblem(b.profile.undiscountedPence) : null);
    if (problem) excludedFigures.push(`benefit '${b.benefitId}': ${problem}`);
    return !problem;
  });
  const releases = [...state.releases.values()].filter((r) => {
    const problem =
      figureProblem(r.cashReleasedPence) ??
      r.reinvestments.map((x) => figureProblem(x.valuePence)).find((p) => p !== null) ??
      null;
    if (problem) excludedFigures.push(`capacity release '${r.releaseId}': ${problem}`);
    return !problem;
  });
  return { costs, benefits, releases, excludedFigures };
}
