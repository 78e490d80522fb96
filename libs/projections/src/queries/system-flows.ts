import Database from 'better-sqlite3';
import { invalidReference } from '@benefit-ledger/domain';
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
}

/**
 * The system's matrix of validated value from investing to landing organisations (docs/design.md#the-arithmetic): the flow parts in
 * force at the cutoff (flow-parts.ts), summed per (investor, landing organisation); and the validated total,
 * summed from the benefits themselves (the links add up to it, to the penny).
 */
export function systemFlowLinks(
  db: Database.Database,
  params: SystemFlowsParams,
): { links: FlowLink[]; validatedPence: number } {
  const fy = params.financialYear ? 'AND f.financial_year = @financialYear' : '';
  const links = db
    .prepare(
      `SELECT f.from_organisation_id AS "from", f.to_organisation_id AS "to", SUM(f.pence) AS pence FROM flow_parts f
    WHERE ${validAt('f')} ${fy} GROUP BY f.from_organisation_id, f.to_organisation_id ORDER BY 1, 2`,
    )
    .all({ ...cutoffParams(params.cutoff), financialYear: params.financialYear }) as FlowLink[];
  return {
    links,
    validatedPence: benefitTerms(db, params.cutoff, { financialYear: params.financialYear }).summary().value,
  };
}

/** What the system's ROIs count: every cost recorded, of any intervention and bearer. */
export const systemCostsCounted = (financialYear: string | null) =>
  `every cost recorded${financialYear ? ` in ${financialYear}` : ''}, of every intervention, direct and indirect, whoever bore it`;

/** The system's value three ways (value-three-ways.ts): every benefit of the year, net of and per £1 of every cost. */
export function systemThreeWays(db: Database.Database, params: SystemFlowsParams, book: FigureBook): void {
  const costs = costTerms(db, params.cutoff, { financialYear: params.financialYear });
  // the sums alone: a trace reads its terms a page at a time (systemFlowTerms)
  const benefits = benefitsThreeWaysSummed(db, params.cutoff, {
    financialYear: params.financialYear,
  });
  addThreeWays(book, benefits, {
    pence: costs.summary().value,
    terms: () => costs.page(0, Number.MAX_SAFE_INTEGER),
    description: systemCostsCounted(params.financialYear),
  });
}

/** The terms of one figure of the flows, by its key. */
export function systemFlowTerms(db: Database.Database, params: SystemFlowsParams, key: string): TermSource {
  if (isThreeWayKey(key)) {
    // the figures as the answer sums them; the terms a page of benefits at a time (three-ways-terms.ts)
    const figures = new FigureBook(false);
    systemThreeWays(db, params, figures);
    return threeWaysTerms(
      {
        db,
        cutoff: params.cutoff,
        scope: { financialYear: params.financialYear },
        figures,
        costs: costTerms(db, params.cutoff, { financialYear: params.financialYear }),
        costsDescription: systemCostsCounted(params.financialYear),
      },
      key,
    );
  }
  const [kind, first, second] = JSON.parse(key) as [string, string?, string?];
  const fy = params.financialYear;
  switch (kind) {
    case 'link':
      return partTerms(db, params.cutoff, { financialYear: fy, from: first, to: second });
    case 'out':
      return partTerms(db, params.cutoff, { financialYear: fy, from: first });
    case 'in':
      return partTerms(db, params.cutoff, { financialYear: fy, to: first });
    case 'flows':
      return partTerms(db, params.cutoff, { financialYear: fy });
    case 'cross-organisation':
      return partTerms(db, params.cutoff, { financialYear: fy, crossOrganisation: true });
    case 'validated':
      return benefitTerms(db, params.cutoff, { financialYear: fy });
    default:
      throw invalidReference('figure', `figure names no figure of the system flows (${key})`);
  }
}
