import Database from 'better-sqlite3';
import { AnswerBasis, READ_EVERY_TIME } from './answer-basis';
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
  answer(db: Database.Database, params: SystemFlowsParams, basis: AnswerBasis = READ_EVERY_TIME) {
    const { links, validatedPence } = systemFlowLinks(db, params, basis);
    const figure = figureMaker('system-flows', {
      financialYear: params.financialYear,
      ...cutoffParamsOf(params.cutoff),
    });
    const book = new FigureBook(false);
    systemThreeWays(db, params, book, basis);
    const orgs = organisationsById(db, params.cutoff);
    // each node's value summed in one pass over the links (a year has tens of thousands, and hundreds of nodes)
    const out = new Map<string, number>();
    const into = new Map<string, number>();
    for (const link of links) {
      out.set(link.from, (out.get(link.from) ?? 0) + link.pence);
      into.set(link.to, (into.get(link.to) ?? 0) + link.pence);
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
          ? figure.pence(flowKeys.out(organisationId), required(out, organisationId, 'investor'))
          : figure.pence(flowKeys.in(organisationId), required(into, organisationId, 'landing')),
    });
    return {
      query: 'system-flows',
      financialYear: params.financialYear,
      ...basisOf(params.cutoff),
      totals: {
        validatedPence: figure.pence(flowKeys.validated, validatedPence),
        flowsPence: figure.pence(
          flowKeys.flows,
          sumOf(links, (l) => l.pence),
        ),
        crossOrganisationPence: figure.pence(
          flowKeys.crossOrganisation,
          sumOf(
            links,
            (l) => l.pence,
            (l) => l.from !== l.to,
          ),
        ),
      },
      // nodes and links are validated value; beside them, every benefit claimed, validated and realised, per £1 of every cost
      ...threeWaysAnswer(book, (key) => figure.pence(key, book.value(key)), systemCostsCounted(params.financialYear)),
      nodes: [...investors.map((o) => node('investor', o)), ...landings.map((o) => node('landing', o))],
      links: links.map((link) => {
        const { pence, ref } = figure.pence(flowKeys.link(link.from, link.to), link.pence);
        return {
          source: `investor:${link.from}`,
          target: `landing:${link.to}`,
          from: link.from,
          to: link.to,
          valuePence: pence,
          ref,
        };
      }),
    };
  },
  terms: ({ db, key, cutoff, param, basis }) =>
    systemFlowTerms(db, { financialYear: param('financialYear'), cutoff }, key, basis),
} satisfies FigureQueryModule<'system-flows'>;
