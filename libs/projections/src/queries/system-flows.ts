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
  p: SystemFlowsParams,
): { links: FlowLink[]; validatedPence: number } {
  const fy = p.financialYear ? 'AND f.financial_year = @financialYear' : '';
  const links = db
    .prepare(
      `SELECT f.from_organisation_id AS "from", f.to_organisation_id AS "to", SUM(f.pence) AS pence FROM flow_parts f
    WHERE ${validAt('f')} ${fy} GROUP BY f.from_organisation_id, f.to_organisation_id ORDER BY 1, 2`,
    )
    .all({ ...cutoffParams(p.cutoff), financialYear: p.financialYear }) as FlowLink[];
  return { links, validatedPence: benefitTerms(db, p.cutoff, { financialYear: p.financialYear }).summary().value };
}

/** What the system's ROIs count: every cost recorded, of any intervention and bearer. */
export const systemCostsCounted = (financialYear: string | null) =>
  `every cost recorded${financialYear ? ` in ${financialYear}` : ''}, of every intervention, direct and indirect, whoever bore it`;

/** The system's value three ways (value-three-ways.ts): every benefit of the year, net of and per £1 of every cost. */
export function systemThreeWays(db: Database.Database, p: SystemFlowsParams, book: FigureBook): void {
  const costs = costTerms(db, p.cutoff, { financialYear: p.financialYear });
  // the sums alone: a trace reads its terms a page at a time (systemFlowTerms)
  const benefits = benefitsThreeWaysSummed(db, p.cutoff, {
    financialYear: p.financialYear,
  });
  addThreeWays(book, benefits, {
    pence: costs.summary().value,
    terms: () => costs.page(0, Number.MAX_SAFE_INTEGER),
    description: systemCostsCounted(p.financialYear),
  });
}

/** The terms of one figure of the flows, by its key. */
export function systemFlowTerms(db: Database.Database, p: SystemFlowsParams, key: string): TermSource {
  if (isThreeWayKey(key)) {
    // the figures as the answer sums them; the terms a page of benefits at a time (three-ways-terms.ts)
    const figures = new FigureBook(false);
    systemThreeWays(db, p, figures);
    return threeWaysTerms(
      {
        db,
        cutoff: p.cutoff,
        scope: { financialYear: p.financialYear },
        figures,
        costs: costTerms(db, p.cutoff, { financialYear: p.financialYear }),
        costsDescription: systemCostsCounted(p.financialYear),
      },
      key,
    );
  }
  const [kind, a, b] = JSON.parse(key) as [string, string?, string?];
  const fy = p.financialYear;
  switch (kind) {
    case 'link':
      return partTerms(db, p.cutoff, { financialYear: fy, from: a, to: b });
    case 'out':
      return partTerms(db, p.cutoff, { financialYear: fy, from: a });
    case 'in':
      return partTerms(db, p.cutoff, { financialYear: fy, to: a });
    case 'flows':
      return partTerms(db, p.cutoff, { financialYear: fy });
    case 'cross-organisation':
      return partTerms(db, p.cutoff, { financialYear: fy, crossOrganisation: true });
    case 'validated':
      return benefitTerms(db, p.cutoff, { financialYear: fy });
    default:
      throw invalidReference('figure', `figure names no figure of the system flows (${key})`);
  }
}
