import Database from 'better-sqlite3';
import { invalidReference } from '@benefit-ledger/domain';
import { AnswerBasis, READ_EVERY_TIME, basisKey } from './answer-basis';
import { Cutoff, cutoffParams, validAt } from './query-basis';
import { benefitTerms, costTerms, partTerms, TermSource } from './term-sources';
import { FigureBook } from './figure-book';
import { benefitsThreeWaysSummed } from './benefits-summed';
import { isThreeWayKey } from './three-way-keys';
import { addThreeWays } from './value-three-ways';
import { threeWaysTerms } from './three-ways-terms';

export interface SystemFlowsParams {
  financialYear: string | null;
  cutoff: Cutoff;
}

export const flowKeys = {
  link: (from: string, to: string) => JSON.stringify(['link', from, to]),
  out: (from: string) => JSON.stringify(['out', from]),
  in: (to: string) => JSON.stringify(['in', to]),
  validated: JSON.stringify(['validated']),
  flows: JSON.stringify(['flows']),
  crossOrganisation: JSON.stringify(['cross-organisation']),
};

export interface FlowLink {
  from: string;
  to: string;
  pence: number;
  /** How many flow parts it sums (a trace's count of terms). */
  parts: number;
}

/**
 * The system's matrix of validated value from investing to landing organisations (docs/design.md#the-arithmetic): the flow parts in
 * force at the cutoff (flow-parts.ts), summed per (investor, landing organisation); and the validated total,
 * summed from the benefits themselves (the links add up to it, to the penny).
 */
export function systemFlowLinks(
  db: Database.Database,
  params: SystemFlowsParams,
  basis: AnswerBasis = READ_EVERY_TIME,
): { links: FlowLink[]; validatedPence: number } {
  const links = flowLinks(db, params);
  // the matrix's totals (a few numbers, not the links) kept for the traces of its figures
  matrixTotals(db, params, basis, () => links);
  return { links, validatedPence: validatedSummary(db, params, basis).value };
}

/** The links, each with how many parts it sums. */
function flowLinks(db: Database.Database, params: SystemFlowsParams): FlowLink[] {
  const fy = params.financialYear ? 'AND f.financial_year = @financialYear' : '';
  return db
    .prepare(
      `SELECT f.from_organisation_id AS "from", f.to_organisation_id AS "to", SUM(f.pence) AS pence, COUNT(*) AS parts
      FROM flow_parts f WHERE ${validAt('f')} ${fy} GROUP BY f.from_organisation_id, f.to_organisation_id ORDER BY 1, 2`,
    )
    .all({ ...cutoffParams(params.cutoff), financialYear: params.financialYear }) as FlowLink[];
}

interface Summary {
  value: number;
  count: number;
}

/** Every link's sum and parts, and those across organisations: read once per answer basis (answer-basis.ts). */
function matrixTotals(
  db: Database.Database,
  params: SystemFlowsParams,
  basis: AnswerBasis,
  links: () => FlowLink[] = () => flowLinks(db, params),
): { flows: Summary; crossOrganisation: Summary } {
  const sum = (counted: readonly FlowLink[]) =>
    counted.reduce((total, link) => ({ value: total.value + link.pence, count: total.count + link.parts }), {
      value: 0,
      count: 0,
    });
  return basis.remember(basisKey('flow totals', { financialYear: params.financialYear }, params.cutoff.upTo), () => {
    const every = links();
    return { flows: sum(every), crossOrganisation: sum(every.filter((link) => link.from !== link.to)) };
  });
}

/** The validated total and how many benefits make it, read once per answer basis. */
function validatedSummary(db: Database.Database, params: SystemFlowsParams, basis: AnswerBasis) {
  const validated = benefitTerms(db, params.cutoff, { financialYear: params.financialYear });
  return basis.remember(basisKey('validated', { financialYear: params.financialYear }, params.cutoff.upTo), () =>
    validated.summary(),
  );
}

/** What the system's ROIs count: every cost recorded, of any intervention and bearer. */
export const systemCostsCounted = (financialYear: string | null) =>
  `every cost recorded${financialYear ? ` in ${financialYear}` : ''}, of every intervention, direct and indirect, whoever bore it`;

/**
 * The system's value three ways (value-three-ways.ts): every benefit of the year, net of and per £1 of every cost.
 * Answers the costs it counted, their sum read once per answer basis (answer-basis.ts), as are the benefits' sums.
 */
export function systemThreeWays(
  db: Database.Database,
  params: SystemFlowsParams,
  book: FigureBook,
  basis: AnswerBasis = READ_EVERY_TIME,
): TermSource {
  const everyCost = costTerms(db, params.cutoff, { financialYear: params.financialYear });
  const scope = { financialYear: params.financialYear };
  const costs: TermSource = {
    summary: () => basis.remember(basisKey('every cost', scope, params.cutoff.upTo), () => everyCost.summary()),
    page: (offset, limit) => everyCost.page(offset, limit),
  };
  // the sums alone: a trace reads its terms a page at a time (systemFlowTerms)
  const benefits = basis.remember(basisKey('benefits summed', scope, params.cutoff.upTo), () =>
    benefitsThreeWaysSummed(db, params.cutoff, scope),
  );
  addThreeWays(book, benefits, {
    pence: costs.summary().value,
    terms: () => costs.page(0, Number.MAX_SAFE_INTEGER),
    description: systemCostsCounted(params.financialYear),
  });
  return costs;
}

/** The terms of one figure of the flows, by its key. */
export function systemFlowTerms(
  db: Database.Database,
  params: SystemFlowsParams,
  key: string,
  kept: AnswerBasis = READ_EVERY_TIME,
): TermSource {
  if (isThreeWayKey(key)) {
    // the figures as the answer sums them; the terms a page of benefits at a time (three-ways-terms.ts)
    const figures = new FigureBook(false);
    const costs = systemThreeWays(db, params, figures, kept);
    return threeWaysTerms(
      {
        db,
        cutoff: params.cutoff,
        scope: { financialYear: params.financialYear },
        figures,
        costs,
        costsDescription: systemCostsCounted(params.financialYear),
        kept,
      },
      key,
    );
  }
  const [kind, first, second] = JSON.parse(key) as [string, string?, string?];
  const fy = params.financialYear;
  // the whole matrix's parts are summed once, as the answer sums its links; a link's or a node's are a short index range
  switch (kind) {
    case 'link':
      return partTerms(db, params.cutoff, { financialYear: fy, from: first, to: second });
    case 'out':
      return partTerms(db, params.cutoff, { financialYear: fy, from: first });
    case 'in':
      return partTerms(db, params.cutoff, { financialYear: fy, to: first });
    case 'flows':
      return {
        ...partTerms(db, params.cutoff, { financialYear: fy }),
        summary: () => matrixTotals(db, params, kept).flows,
      };
    case 'cross-organisation':
      return {
        ...partTerms(db, params.cutoff, { financialYear: fy, crossOrganisation: true }),
        summary: () => matrixTotals(db, params, kept).crossOrganisation,
      };
    case 'validated':
      return {
        ...benefitTerms(db, params.cutoff, { financialYear: fy }),
        summary: () => validatedSummary(db, params, kept),
      };
    default:
      throw invalidReference('figure', `figure names no figure of the system flows (${key})`);
  }
}
