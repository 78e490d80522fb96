import Database from 'better-sqlite3';
import { VALUE_WAYS, ValueWay, formatPounds, invalidReference, returnPerPound } from '@benefit-ledger/domain';
import { FigureBook, Term } from './figure-book';
import { AnswerBasis, basisKey } from './answer-basis';
import { Cutoff } from './query-basis';
import { TermSource, concatTerms } from './term-sources';
import { BenefitScope, BenefitThreeWays, benefitsThreeWays, countInScope } from './benefits-three-ways';
import { amountsOf, describeTerm, positionsOf, threeWayKeys as TK, wayOfKey } from './three-way-keys';

/**
 * The terms of a figure of the three ways over many benefits (an organisation's value, the system's flows), paged:
 * the figure is the report's own (its answer's FigureBook, summed in SQL), and a page reads only its benefits (their
 * states, validations and capacity uses) from SQL. So a trace of a figure resting on thousands of benefits answers
 * its total and one page without realising every benefit, and lists the events of that page alone.
 *
 * Each benefit's term is the one the figure adds for it (addThreeWays); net is the way's benefits' terms less each
 * cost; ROI, a ratio, is its ratio term followed by the terms of what it divides (at 0 each, so that the terms still
 * add up to the figure).
 */
export interface ThreeWaysBasis {
  db: Database.Database;
  cutoff: Cutoff;
  scope: BenefitScope;
  /** The report's figures, as its answer sums them. */
  figures: FigureBook;
  /** The costs its net and ROI count, each a term, and in words. */
  costs: TermSource;
  costsDescription: string;
  /** What the answer read and kept: how many benefits are in scope is counted once per answer basis. */
  kept: AnswerBasis;
}

/** One term per benefit in scope (validated ones alone unless `everyClaim`), each what `termOf` makes of it. */
export function perBenefitTerms(
  basis: ThreeWaysBasis,
  everyClaim: boolean,
  value: number,
  termOf: (benefit: BenefitThreeWays) => Term,
): TermSource {
  const { db, cutoff, scope, kept } = basis;
  const counted = {
    landingOrganisationId: scope.landingOrganisationId ?? null,
    financialYear: scope.financialYear ?? null,
    validatedOnly: !everyClaim,
  };
  let count: number | undefined;
  return {
    summary: () => {
      count ??= kept.remember(basisKey('benefits in scope', counted, cutoff.upTo), () =>
        countInScope(db, cutoff, scope, !everyClaim),
      );
      return { value, count };
    },
    page: (offset, limit) =>
      benefitsThreeWays(db, cutoff, scope, { offset, limit, validatedOnly: !everyClaim }).map(termOf),
  };
}

/** The terms of a figure amountsOf gives each benefit (a way's total, cash or not; a part realised or not). */
function amountTerms(basis: ThreeWaysBasis, key: string): TermSource {
  return perBenefitTerms(basis, wayOfKey(key) === 'claimed', basis.figures.value(key), (benefit) => {
    const amount = amountsOf(benefit).get(key) ?? 0;
    return { note: describeTerm(benefit, key, amount), amount, positions: positionsOf(benefit, wayOfKey(key)) };
  });
}

/** What a ratio divides, each term at 0 and named as a part of the numerator or the denominator. */
const atZero = (source: TermSource, prefix: string): TermSource => ({
  summary: () => ({ value: 0, count: source.summary().count }),
  page: (offset, limit) =>
    source.page(offset, limit).map((t) => ({ note: `${prefix}${t.note}`, amount: 0, positions: t.positions })),
});

/** A single term, as a source. */
const single = (term: Term): TermSource => ({
  summary: () => ({ value: term.amount, count: 1 }),
  page: (offset, limit) => [term].slice(offset, offset + limit),
});

/** Costs each a term, taken away (net). */
const negated = (costs: TermSource): TermSource => ({
  summary: () => {
    const summary = costs.summary();
    return { value: -summary.value, count: summary.count };
  },
  page: (offset, limit) =>
    costs.page(offset, limit).map((t) => ({ note: `less ${t.note}`, amount: -t.amount, positions: t.positions })),
});

/** The terms of a figure of the three ways ('value' basis), by its key. */
export function threeWaysTerms(basis: ThreeWaysBasis, key: string): TermSource {
  const parts = JSON.parse(key) as string[];
  if (key === TK.costs()) return basis.costs;
  const way = parts[1] as ValueWay;
  if (parts[0] === 'value' && parts.length === 3 && VALUE_WAYS.includes(way)) {
    if (parts[2] === 'net') return concatTerms(amountTerms(basis, TK.total(way)), negated(basis.costs));
    if (parts[2] === 'roi') {
      const value = basis.figures.value(TK.total(way));
      const costs = basis.costs.summary().value;
      const roi = returnPerPound(value, costs);
      if (!roi) return { summary: () => ({ value: 0, count: 0 }), page: () => [] };
      const ratio = {
        note: `${formatPounds(value)} ${way} ÷ ${formatPounds(costs)} (${basis.costsDescription}) = ${roi.perPound} (half up); the terms after this one are what it divides, each at 0`,
        amount: roi.pencePerPound,
        positions: [],
      };
      return concatTerms(
        single(ratio),
        atZero(amountTerms(basis, TK.total(way)), `divides ${way} value: `),
        atZero(basis.costs, 'by costs: '),
      );
    }
  }
  if (parts[0] === 'value' || parts[0] === 'not-realised') return amountTerms(basis, key);
  throw invalidReference('figure', `figure names no figure of the three ways (${key})`);
}
