import Database from 'better-sqlite3';
import { CAPACITY_MEASURES, CapacityParams, computeCapacity } from './capacity';
import { FigureBook } from './figure-book';
import { FigureQueryModule } from './figure-query';
import { basisOf, bookFigures, cutoffParamsOf } from './figures';
import { bookTerms } from './term-sources';

/** GET /capacity: capacity released, harvested each way and reinvested, per organisation, resource and year (capacity.ts). */
export const capacityQuery = {
  query: 'capacity',
  answer(db: Database.Database, query: CapacityParams) {
    const book = new FigureBook(false);
    computeCapacity(db, query, book);
    const params = {
      organisationId: query.organisationId,
      resource: query.resource,
      financialYear: query.financialYear,
      ...cutoffParamsOf(query.cutoff),
    };
    const figure = bookFigures('capacity', params, book);
    const groups = new Map<string, [string, string, string]>();
    for (const key of book.keys()) {
      const [org, resource, fy] = JSON.parse(key) as string[];
      groups.set(JSON.stringify([org, resource, fy]), [org, resource, fy]);
    }
    const rows = [...groups.values()]
      .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1))
      .map(([org, resource, fy]) => {
        const key = (m: (typeof CAPACITY_MEASURES)[number]) => JSON.stringify([org, resource, fy, m]);
        return {
          organisationId: org,
          resource,
          financialYear: fy,
          released: figure.quantity(key('released')),
          harvestedAsCash: figure.quantity(key('harvested-cash')),
          harvestedForReinvestment: figure.quantity(key('harvested-reinvest')),
          unharvested: figure.quantity(key('unharvested')),
          undecided: figure.quantity(key('undecided')),
          reinvested: figure.quantity(key('reinvested')),
          cashReleasedPence: figure.pence(key('cash-released-pence')),
          reinvestedValuePence: figure.pence(key('reinvested-value-pence')),
        };
      });
    return {
      query: 'capacity',
      organisationId: query.organisationId,
      resource: query.resource,
      financialYear: query.financialYear,
      ...basisOf(query.cutoff),
      rows,
    };
  },
  terms: ({ db, key, cutoff }) => {
    // A capacity figure is one (organisation, resource, year, measure): compute just that row.
    const [organisationId, resource, financialYear] = JSON.parse(key) as string[];
    const book = new FigureBook(true, key);
    computeCapacity(db, { organisationId, resource, financialYear, cutoff }, book);
    return bookTerms(book, key);
  },
} satisfies FigureQueryModule<'capacity'>;
