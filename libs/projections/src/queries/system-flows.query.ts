import Database from 'better-sqlite3';
import { NO_RECORDED_INVESTMENT } from '../flow-parts';
import { required } from '../required';
import { FigureBook } from './figure-book';
import { FigureQueryModule } from './figure-query';
import { basisOf, cutoffParamsOf, figureMaker, sumOf } from './figures';
import { organisationsById } from './read-model-reads';
import {
  SystemFlowsParams,
  flowKeys,
  systemCostsCounted,
  systemFlowLinks,
  systemFlowTerms,
  systemThreeWays,
} from './system-flows';
import { threeWaysAnswer } from './value-three-ways';

/**
 * GET /system/flows: the matrix of validated value from investing to landing organisations (system-flows.ts), its
 * nodes and totals, and the system's value three ways beside it; every figure traceable.
 */
export const systemFlowsQuery = {
  query: 'system-flows',
  answer(db: Database.Database, p: SystemFlowsParams) {
    const { links, validatedPence } = systemFlowLinks(db, p);
    const f = figureMaker('system-flows', { financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) });
    const book = new FigureBook(false);
    systemThreeWays(db, p, book);
    const orgs = organisationsById(db, p.cutoff);
    // each node's value summed in one pass over the links (a year has tens of thousands, and hundreds of nodes)
    const out = new Map<string, number>();
    const into = new Map<string, number>();
    for (const l of links) {
      out.set(l.from, (out.get(l.from) ?? 0) + l.pence);
      into.set(l.to, (into.get(l.to) ?? 0) + l.pence);
    }
    const investors = [...out.keys()].sort();
    const landings = [...into.keys()].sort();
    const node = (side: 'investor' | 'landing', organisationId: string) => ({
      id: `${side}:${organisationId}`,
      side,
      organisationId,
      name:
        organisationId === NO_RECORDED_INVESTMENT
          ? 'No recorded investment'
          : (orgs.get(organisationId)?.name ?? organisationId),
      valuePence:
        side === 'investor'
          ? f.pence(flowKeys.out(organisationId), required(out, organisationId, 'investor'))
          : f.pence(flowKeys.in(organisationId), required(into, organisationId, 'landing')),
    });
    return {
      query: 'system-flows',
      financialYear: p.financialYear,
      ...basisOf(p.cutoff),
      totals: {
        validatedPence: f.pence(flowKeys.validated, validatedPence),
        flowsPence: f.pence(
          flowKeys.flows,
          sumOf(links, (l) => l.pence),
        ),
        crossOrganisationPence: f.pence(
          flowKeys.crossOrganisation,
          sumOf(
            links,
            (l) => l.pence,
            (l) => l.from !== l.to,
          ),
        ),
      },
      // nodes and links are validated value; beside them, every benefit claimed, validated and realised, per £1 of every cost
      ...threeWaysAnswer(book, (key) => f.pence(key, book.value(key)), systemCostsCounted(p.financialYear)),
      nodes: [...investors.map((o) => node('investor', o)), ...landings.map((o) => node('landing', o))],
      links: links.map((l) => {
        const { pence, ref } = f.pence(flowKeys.link(l.from, l.to), l.pence);
        return {
          source: `investor:${l.from}`,
          target: `landing:${l.to}`,
          from: l.from,
          to: l.to,
          valuePence: pence,
          ref,
        };
      }),
    };
  },
  terms: ({ db, key, cutoff, param }) => systemFlowTerms(db, { financialYear: param('financialYear'), cutoff }, key),
} satisfies FigureQueryModule<'system-flows'>;
