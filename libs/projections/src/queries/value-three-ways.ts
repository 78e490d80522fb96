import Database from 'better-sqlite3';
import {
  BenefitType,
  NOT_REALISED_PARTS,
  REALISED_PARTS,
  Realisation,
  VALUE_WAYS,
  ValueWay,
  formatPounds,
  fromHundredths,
  realiseBenefit,
  returnPerPound,
} from '@benefit-ledger/domain';
import { BenefitStateRow, benefitStatesSql } from './benefit-states';
import { benefitKey, capacityUses } from './capacity-uses';
import { FigureBook, Term } from './figure-book';
import { Cutoff, cutoffParams, within } from './query-basis';
import { present, required } from '../required';

/**
 * Claimed, validated and realised value over the read models (docs/value-and-realisation.md), for the reports that add
 * up many interventions' benefits: an organisation's value, the system's flows, a partnership's attribution. The same
 * arithmetic as an intervention's own value (realiseBenefit), from the facts: a benefit's claim and revisions, its
 * validation (with the quantity validated) and, for capacity, its releases, harvests, cash releases and reinvestments.
 */

export interface BenefitScope {
  landingOrganisationId?: string | null;
  financialYear?: string | null;
  interventionIds?: readonly string[] | null;
}

/** One claimed benefit in scope, three ways: as claimed now, as validated (if it is) and, validated, as realised. */
export interface BenefitThreeWays {
  interventionId: string;
  benefitId: string;
  benefitType: BenefitType;
  landingOrganisationId: string;
  status: 'claimed' | 'validated' | 'rejected';
  claimedPence: number;
  /** The claim and its latest revision. */
  claimPositions: number[];
  /** Null unless validated by the cutoff. */
  validated: { pence: number; position: number; quantity: number } | null;
  realisation: Realisation | null;
  /** The releases of a capacity benefit and their harvests, cash releases and reinvestments. */
  releasePositions: number[];
}

/** Every claim in scope at the cutoff (any status), with its validation and realisation, in (intervention, benefit) order. */
export function benefitsThreeWays(db: Database.Database, cutoff: Cutoff, scope: BenefitScope): BenefitThreeWays[] {
  const { states, params } = statesInScope(cutoff, scope);
  const rows = db
    .prepare(
      `SELECT s.*, vb.validated_quantity_h FROM ${states} s
      LEFT JOIN validated_benefits vb INDEXED BY validated_benefits_intervention_id_benefit_id
        ON vb.intervention_id = s.intervention_id AND vb.benefit_id = s.benefit_id AND s.decision = 'validated' AND ${within('vb')}
     ORDER BY s.intervention_id, s.benefit_id`,
    )
    .all(params) as (BenefitStateRow & { validated_quantity_h: number | null })[];
  const uses = capacityUses(
    db,
    cutoff,
    rows.filter((r) => r.decision === 'validated' && r.benefit_type === 'capacity'),
  );
  return rows.map((r) => {
    const validated =
      r.decision === 'validated' && r.validated_value_pence !== null
        ? {
            pence: r.validated_value_pence,
            position: present(r.decision_position, `decision position of validated benefit ${r.benefit_id}`),
            quantity: r.validated_quantity_h ?? 0,
          }
        : null;
    const use = uses.get(benefitKey(r.intervention_id, r.benefit_id));
    return {
      interventionId: r.intervention_id,
      benefitId: r.benefit_id,
      benefitType: r.benefit_type as BenefitType,
      landingOrganisationId: r.landing_organisation_id,
      status: r.decision ?? 'claimed',
      claimedPence: r.value_pence ?? 0,
      claimPositions: [r.claim_position, ...(r.revision_position === null ? [] : [r.revision_position])],
      validated,
      realisation: validated
        ? realiseBenefit({
            benefitType: r.benefit_type as BenefitType,
            validatedValuePence: validated.pence,
            validatedQuantity: validated.quantity,
            releases: use?.releases ?? [],
          })
        : null,
      releasePositions: use?.positions ?? [],
    };
  });
}

/** The benefit states (benefitStatesSql) of a scope, as a derived table, and its parameters. */
function statesInScope(cutoff: Cutoff, scope: BenefitScope) {
  const where: string[] = [];
  if (scope.landingOrganisationId) where.push('b.landing_organisation_id = @landing');
  if (scope.financialYear) where.push('b.financial_year = @financialYear');
  const source = scope.interventionIds
    ? 'json_each(@ids) j CROSS JOIN benefits b ON b.intervention_id = j.value'
    : 'benefits b';
  const params = {
    ...cutoffParams(cutoff),
    landing: scope.landingOrganisationId ?? null,
    financialYear: scope.financialYear ?? null,
    ids: scope.interventionIds ? JSON.stringify(scope.interventionIds) : null,
  };
  return { states: benefitStatesSql(source, where), params };
}

/**
 * A set of costs the three ways are set against: 'value' (each report's own costs), or a second basis beside it
 * (a partnership's programme costs plus its interventions' attributed costs).
 */
export type CostBasisName = 'value' | 'value-with-intervention-costs';

/** The keys of the three ways in a report's FigureBook; net, ROI and costs by cost basis. */
export const threeWayKeys = {
  total: (way: ValueWay) => JSON.stringify(['value', way]),
  cash: (way: ValueWay, cash: boolean) => JSON.stringify(['value', way, cash ? 'cash' : 'non-cash']),
  net: (way: ValueWay, basis: CostBasisName = 'value') => JSON.stringify([basis, way, 'net']),
  roi: (way: ValueWay, basis: CostBasisName = 'value') => JSON.stringify([basis, way, 'roi']),
  costs: (basis: CostBasisName = 'value') => JSON.stringify([basis, 'costs']),
  realisedPart: (part: (typeof REALISED_PARTS)[number]) => JSON.stringify(['value', 'realised', 'part', part]),
  notRealised: (part: (typeof NOT_REALISED_PARTS)[number] | 'total' | 'recordedBeyondLimitsPence') =>
    JSON.stringify(['not-realised', part]),
};
const TK = threeWayKeys;

// the keys amountsOf sets, made once: a report over a year of the system adds thousands of benefits
const WAY_KEYS = new Map(
  VALUE_WAYS.map((w) => [w, { total: TK.total(w), cash: TK.cash(w, true), nonCash: TK.cash(w, false) }]),
);
const REALISED_PART_KEYS = REALISED_PARTS.map((part) => [part, TK.realisedPart(part)] as const);
const NOT_REALISED_PART_KEYS = NOT_REALISED_PARTS.map((part) => [part, TK.notRealised(part)] as const);
const NOT_REALISED_TOTAL_KEY = TK.notRealised('total');
const BEYOND_LIMITS_KEY = TK.notRealised('recordedBeyondLimitsPence');

/** What one benefit adds to each figure of the three ways, by key (a way counts a benefit once it is validated, claimed always). */
function amountsOf(b: BenefitThreeWays): Map<string, number> {
  const amounts = new Map<string, number>();
  const cashType = b.benefitType === 'cash-releasing';
  const way = (w: ValueWay, total: number, cash: number) => {
    const keys = required(WAY_KEYS, w, 'keys of way');
    amounts.set(keys.total, total);
    amounts.set(keys.cash, cash);
    amounts.set(keys.nonCash, total - cash);
  };
  way('claimed', b.claimedPence, cashType ? b.claimedPence : 0);
  if (b.validated) way('validated', b.validated.pence, cashType ? b.validated.pence : 0);
  const r = b.realisation;
  if (r) {
    way('realised', r.realisedPence, r.cashPence);
    for (const [part, key] of REALISED_PART_KEYS) amounts.set(key, r.realised[part]);
    for (const [part, key] of NOT_REALISED_PART_KEYS) amounts.set(key, r.notRealised[part]);
    amounts.set(NOT_REALISED_TOTAL_KEY, r.validatedPence - r.realisedPence);
    amounts.set(BEYOND_LIMITS_KEY, r.recordedBeyondLimitsPence);
  }
  return amounts;
}

/** The way a figure key belongs to (its terms rest on that way's events). */
const wayOfKey = (key: string): ValueWay => {
  const parts = JSON.parse(key) as string[];
  return parts[0] === 'not-realised' ? 'realised' : (parts[1] as ValueWay);
};

/** A benefit's terms rest on its claim (and revision), its validation and, for what was realised, its capacity events. */
const positionsOf = (b: BenefitThreeWays, way: ValueWay) => [
  ...b.claimPositions,
  ...(way !== 'claimed' && b.validated ? [b.validated.position] : []),
  ...(way === 'realised' ? b.releasePositions : []),
];

function describe(b: BenefitThreeWays, key: string, amount: number): string {
  const what = `benefit ${b.benefitId} of ${b.interventionId} (${b.benefitType}) landing at ${b.landingOrganisationId}`;
  const figure = (JSON.parse(key) as string[]).join(' ');
  const r = b.realisation;
  if (!r || b.benefitType !== 'capacity' || wayOfKey(key) !== 'realised')
    return `${what}: ${figure} ${formatPounds(amount)}`;
  return (
    `${what}: ${figure} ${formatPounds(amount)} (validated ${formatPounds(r.validatedPence)} for ${fromHundredths(r.quantities.validated)}; realised ` +
    `${formatPounds(r.realisedPence)} = cash released ${formatPounds(r.realised.cashReleasedPence)} + reinvested ${formatPounds(r.realised.reinvestedPence)} ` +
    `+ awaiting reinvestment ${formatPounds(r.realised.awaitingReinvestmentPence)}; unharvested ${formatPounds(r.notRealised.unharvestedPence)}, ` +
    `undecided ${formatPounds(r.notRealised.undecidedPence)})`
  );
}

/** The costs a report's ROI counts: their total, their terms (for the trace) and, in words, which they are. */
export interface CostBasis {
  pence: number;
  terms: () => Term[];
  description: string;
}

/** Every figure key of the three ways but net, costs and ROI: present in every answer, zero when nothing adds to it. */
const VALUE_KEYS = [
  ...VALUE_WAYS.flatMap((w) => [TK.total(w), TK.cash(w, true), TK.cash(w, false)]),
  ...REALISED_PARTS.map(TK.realisedPart),
  ...NOT_REALISED_PARTS.map(TK.notRealised),
  TK.notRealised('total'),
  TK.notRealised('recordedBeyondLimitsPence'),
];

/**
 * Adds the three ways of these benefits to a book, one term per benefit and figure, then net of `costs` and ROI on
 * them (addNetAndRoi).
 */
export function addThreeWays(book: FigureBook, benefits: readonly BenefitThreeWays[], costs: CostBasis): WayPositions {
  for (const key of VALUE_KEYS) book.add(key, 0);
  const positions = new Map<ValueWay, number[]>(VALUE_WAYS.map((w) => [w, []]));
  for (const b of benefits) {
    for (const [key, amount] of amountsOf(b)) {
      book.add(key, amount, () => ({
        note: describe(b, key, amount),
        amount,
        positions: positionsOf(b, wayOfKey(key)),
      }));
    }
    if (book.withTerms)
      for (const w of VALUE_WAYS)
        if (w === 'claimed' || b.validated) required(positions, w, 'positions of way').push(...positionsOf(b, w));
  }
  addNetAndRoi(book, costs, positions);
  return positions;
}

/** The events each way's value rests on (kept only when the book keeps terms), for the terms of net and ROI. */
export type WayPositions = Map<ValueWay, number[]>;

/**
 * A partnership's three ways: for each enrolled intervention, its benefits' figures summed, then × its enrolment share
 * (half up, once per intervention and figure, as the attributed value always was); then net and ROI on `costs`.
 */
export function addAttributedThreeWays(
  book: FigureBook,
  enrolments: readonly {
    interventionId: string;
    attributionBasisPoints: number;
    position: number;
    benefits: readonly BenefitThreeWays[];
  }[],
  costs: CostBasis,
  share: (pence: number, basisPoints: number) => number,
): WayPositions {
  for (const key of VALUE_KEYS) book.add(key, 0);
  const positions = new Map<ValueWay, number[]>(VALUE_WAYS.map((w) => [w, []]));
  for (const e of enrolments) {
    const sums = new Map<string, number>();
    for (const b of e.benefits) for (const [key, amount] of amountsOf(b)) sums.set(key, (sums.get(key) ?? 0) + amount);
    // non-cash is the share of the total less the share of cash, so that cash + non-cash = total to the penny
    const nonCashOf = new Map(VALUE_WAYS.map((w) => [TK.cash(w, false), w] as const));
    const shareOf = (key: string) => share(sums.get(key) ?? 0, e.attributionBasisPoints);
    for (const [key, sum] of sums) {
      const nonCashWay = nonCashOf.get(key);
      const amount = nonCashWay ? shareOf(TK.total(nonCashWay)) - shareOf(TK.cash(nonCashWay, true)) : shareOf(key);
      const way = wayOfKey(key);
      book.add(key, amount, () => ({
        note: `${e.interventionId}: ${(JSON.parse(key) as string[]).join(' ')} ${formatPounds(sum)} × ${e.attributionBasisPoints}/10000 enrolment share = ${formatPounds(amount)} (${nonCashWay ? 'the share of the total less the share of cash' : 'half up'})`,
        amount,
        positions: [
          e.position,
          ...e.benefits.flatMap((b) => (way === 'claimed' || b.validated ? positionsOf(b, way) : [])),
        ],
      }));
    }
    if (book.withTerms)
      for (const w of VALUE_WAYS)
        required(positions, w, 'positions of way').push(
          e.position,
          ...e.benefits.flatMap((b) => (w === 'claimed' || b.validated ? positionsOf(b, w) : [])),
        );
  }
  addNetAndRoi(book, costs, positions);
  return positions;
}

/** Net (each way − costs) and ROI (each way ÷ costs, "£X.XX per £1") on one basis of costs, their terms naming the costs they count. */
export function addNetAndRoi(
  book: FigureBook,
  costs: CostBasis,
  positions: WayPositions,
  basis: CostBasisName = 'value',
): void {
  const costPositions = () => costs.terms().flatMap((t) => t.positions);
  book.add(TK.costs(basis), costs.pence, () => ({
    note: `costs counted: ${costs.description}`,
    amount: costs.pence,
    positions: costPositions(),
  }));
  for (const way of VALUE_WAYS) {
    const value = book.value(TK.total(way));
    book.add(TK.net(way, basis), value, () => ({
      note: `${way} value`,
      amount: value,
      positions: required(positions, way, 'positions of way'),
    }));
    book.add(TK.net(way, basis), -costs.pence, () => ({
      note: `less ${costs.description}`,
      amount: -costs.pence,
      positions: costPositions(),
    }));
    const roi = returnPerPound(value, costs.pence);
    if (roi) {
      book.add(TK.roi(way, basis), roi.pencePerPound, () => ({
        note: `${formatPounds(value)} ${way} ÷ ${formatPounds(costs.pence)} (${costs.description}) = ${roi.perPound} (half up)`,
        amount: roi.pencePerPound,
        positions: [...new Set([...required(positions, way, 'positions of way'), ...costPositions()])].sort(
          (x, y) => x - y,
        ),
      }));
    }
  }
}

/** The answer's block for the three ways, from a book: each way {totalPence, cashPence, nonCashPence, netPence, roi, costsCounted}. */
export function threeWaysAnswer(
  book: FigureBook,
  figure: (key: string) => { pence: number; ref: string },
  costsCounted: string,
) {
  const way = (w: ValueWay) => ({
    totalPence: figure(TK.total(w)),
    cashPence: figure(TK.cash(w, true)),
    nonCashPence: figure(TK.cash(w, false)),
    ...netAndRoi(book, figure, w, 'value', costsCounted),
  });
  return {
    value: {
      claimed: way('claimed'),
      validated: way('validated'),
      realised: {
        ...way('realised'),
        parts: Object.fromEntries(REALISED_PARTS.map((p) => [p, figure(TK.realisedPart(p))])) as Record<
          (typeof REALISED_PARTS)[number],
          { pence: number; ref: string }
        >,
      },
    },
    notRealised: {
      totalPence: figure(TK.notRealised('total')),
      ...(Object.fromEntries(NOT_REALISED_PARTS.map((p) => [p, figure(TK.notRealised(p))])) as Record<
        (typeof NOT_REALISED_PARTS)[number],
        { pence: number; ref: string }
      >),
      recordedBeyondLimitsPence: figure(TK.notRealised('recordedBeyondLimitsPence')),
    },
  };
}

/** A way's net and ROI on one basis of costs, as the answer shows them, with which costs they count. */
export function netAndRoi(
  book: FigureBook,
  figure: (key: string) => { pence: number; ref: string },
  w: ValueWay,
  basis: CostBasisName,
  costsCounted: string,
) {
  const roi = returnPerPound(book.value(TK.total(w)), book.value(TK.costs(basis)));
  return {
    netPence: figure(TK.net(w, basis)),
    roi: roi ? { ...roi, ref: figure(TK.roi(w, basis)).ref } : null,
    costsCounted,
  };
}

/** Whether a key is one of the three ways' (so its trace is worked out by addThreeWays). */
export const isThreeWayKey = (key: string) => {
  const head = (JSON.parse(key) as string[])[0];
  return head === 'value' || head === 'not-realised' || head === 'value-with-intervention-costs';
};
