import {
  NOT_REALISED_PARTS,
  REALISED_PARTS,
  VALUE_WAYS,
  ValueWay,
  formatPounds,
  returnPerPound,
} from '@benefit-ledger/domain';
import { BenefitThreeWays } from './benefits-three-ways';
import { FigureBook, Term } from './figure-book';
import {
  CostBasisName,
  VALUE_KEYS,
  amountsOf,
  describeTerm,
  positionsOf,
  threeWayKeys as TK,
  wayOfKey,
} from './three-way-keys';
import { required } from '../required';

/**
 * Claimed, validated and realised value over the read models (docs/value-and-realisation.md), for the reports that add
 * up many interventions' benefits: an organisation's value, the system's flows, a partnership's attribution. The same
 * arithmetic as an intervention's own value (realiseBenefit), from the facts: a benefit's claim and revisions, its
 * validation (with the quantity validated) and, for capacity, its releases, harvests, cash releases and reinvestments.
 */

/** The costs a report's ROI counts: their total, their terms (for the trace) and, in words, which they are. */
export interface CostBasis {
  pence: number;
  terms: () => Term[];
  description: string;
}

/**
 * Adds the three ways of these benefits to a book, one term per benefit and figure, then net of `costs` and ROI on
 * them (addNetAndRoi).
 */
export function addThreeWays(book: FigureBook, benefits: readonly BenefitThreeWays[], costs: CostBasis): WayPositions {
  for (const key of VALUE_KEYS) book.add(key, 0);
  const positions = new Map<ValueWay, number[]>(VALUE_WAYS.map((w) => [w, []]));
  for (const benefit of benefits) {
    for (const [key, amount] of amountsOf(benefit)) {
      book.add(key, amount, () => ({
        note: describeTerm(benefit, key, amount),
        amount,
        positions: positionsOf(benefit, wayOfKey(key)),
      }));
    }
    if (book.withTerms)
      for (const valueWay of VALUE_WAYS)
        if (valueWay === 'claimed' || benefit.validated)
          required(positions, valueWay, 'positions of way').push(...positionsOf(benefit, valueWay));
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
  for (const enrolment of enrolments) {
    const sums = new Map<string, number>();
    for (const b of enrolment.benefits)
      for (const [key, amount] of amountsOf(b)) sums.set(key, (sums.get(key) ?? 0) + amount);
    // non-cash is the share of the total less the share of cash, so that cash + non-cash = total to the penny
    const nonCashOf = new Map(VALUE_WAYS.map((w) => [TK.cash(w, false), w] as const));
    const shareOf = (key: string) => share(sums.get(key) ?? 0, enrolment.attributionBasisPoints);
    for (const [key, sum] of sums) {
      const nonCashWay = nonCashOf.get(key);
      const amount = nonCashWay ? shareOf(TK.total(nonCashWay)) - shareOf(TK.cash(nonCashWay, true)) : shareOf(key);
      const way = wayOfKey(key);
      book.add(key, amount, () => ({
        note: `${enrolment.interventionId}: ${(JSON.parse(key) as string[]).join(' ')} ${formatPounds(sum)} × ${enrolment.attributionBasisPoints}/10000 enrolment share = ${formatPounds(amount)} (${nonCashWay ? 'the share of the total less the share of cash' : 'half up'})`,
        amount,
        positions: [
          enrolment.position,
          ...enrolment.benefits.flatMap((b) => (way === 'claimed' || b.validated ? positionsOf(b, way) : [])),
        ],
      }));
    }
    if (book.withTerms)
      for (const valueWay of VALUE_WAYS)
        required(positions, valueWay, 'positions of way').push(
          enrolment.position,
          ...enrolment.benefits.flatMap((b) => (valueWay === 'claimed' || b.validated ? positionsOf(b, valueWay) : [])),
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
  const way = (valueWay: ValueWay) => ({
    totalPence: figure(TK.total(valueWay)),
    cashPence: figure(TK.cash(valueWay, true)),
    nonCashPence: figure(TK.cash(valueWay, false)),
    ...netAndRoi(book, figure, valueWay, 'value', costsCounted),
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
  valueWay: ValueWay,
  basis: CostBasisName,
  costsCounted: string,
) {
  const roi = returnPerPound(book.value(TK.total(valueWay)), book.value(TK.costs(basis)));
  return {
    netPence: figure(TK.net(valueWay, basis)),
    roi: roi ? { ...roi, ref: figure(TK.roi(valueWay, basis)).ref } : null,
    costsCounted,
  };
}
