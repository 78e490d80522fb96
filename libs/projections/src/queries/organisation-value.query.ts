import Database from 'better-sqlite3';
import { AnswerBasis, READ_EVERY_TIME } from './answer-basis';
import { notFound } from '@benefit-ledger/domain';
import { FigureBook } from './figure-book';
import { FigureQueryModule } from './figure-query';
import { basisOf, cutoffParamsOf, figureMaker, sumOf } from './figures';
import {
  OrganisationValueParams,
  organisationCostsCounted,
  organisationThreeWays,
  organisationValueKeys as OV,
  organisationValueSums,
  organisationValueTerms,
} from './organisation-value';
import { organisationById } from './read-model-reads';
import { threeWaysAnswer } from './value-three-ways';

/**
 * GET /organisations/:id/value: what an organisation invested, the value landing there and where its investment's
 * value landed (organisation-value.ts), and its landed value three ways; every figure traceable.
 */
export const organisationValueQuery = {
  query: 'organisation-value',
  answer(db: Database.Database, params: OrganisationValueParams, basis: AnswerBasis = READ_EVERY_TIME) {
    const organisation = organisationById(db, params.cutoff, params.organisationId);
    if (!organisation)
      throw notFound('organisation-not-found', `organisation '${params.organisationId}' is not registered`);
    const sums = organisationValueSums(db, params, basis);
    const figure = figureMaker('organisation-value', {
      organisationId: params.organisationId,
      financialYear: params.financialYear,
      ...cutoffParamsOf(params.cutoff),
    });
    const book = new FigureBook(false);
    organisationThreeWays(db, params, book, basis);
    const fromBook = (key: string) => figure.pence(key, book.value(key));
    const landed = sums.landed;
    const landedPence = sumOf(landed, (r) => r.pence);
    const breakdown = (field: 'benefit_type' | 'lens', key: (value: string) => string) =>
      Object.fromEntries(
        [...new Set(landed.map((r) => r[field]))].sort().map((value) => [
          value,
          figure.pence(
            key(value),
            sumOf(
              landed,
              (r) => r.pence,
              (r) => r[field] === value,
            ),
          ),
        ]),
      );
    const here = sumOf(
      sums.investmentLanded,
      (r) => r.pence,
      (r) => r.to === params.organisationId,
    );
    const total = sumOf(sums.investmentLanded, (r) => r.pence);
    return {
      query: 'organisation-value',
      organisationId: params.organisationId,
      name: organisation.name,
      type: organisation.type,
      financialYear: params.financialYear,
      ...basisOf(params.cutoff),
      investedPence: figure.pence(OV.invested, sums.investedPence),
      landedHere: {
        totalPence: figure.pence(OV.landed, landedPence),
        fromOwnInvestmentPence: figure.pence(OV.landedFromOwnInvestment, here),
        byType: breakdown('benefit_type', OV.landedByType),
        byLens: breakdown('lens', OV.landedByLens),
        // cash: cash-releasing benefits, and cash actually released from capacity landing here; the rest of the value is not cash
        cashPence: fromBook(OV.landedCash(true)),
        nonCashPence: fromBook(OV.landedCash(false)),
        recurrentPence: figure.pence(
          OV.landedRecurrence('recurrent'),
          sumOf(
            landed,
            (r) => r.pence,
            (r) => r.recurrence === 'recurrent',
          ),
        ),
        nonRecurrentPence: figure.pence(
          OV.landedRecurrence('non-recurrent'),
          sumOf(
            landed,
            (r) => r.pence,
            (r) => r.recurrence === 'non-recurrent',
          ),
        ),
      },
      investmentLanded: {
        totalPence: figure.pence(OV.investmentLanded, total),
        herePence: figure.pence(OV.investmentLandedHere, here),
        elsewherePence: figure.pence(OV.investmentLandedElsewhere, total - here),
        byOrganisation: sums.investmentLanded.map((row) => ({
          organisationId: row.to,
          ...figure.pence(OV.investmentLandedAt(row.to), row.pence),
        })),
      },
      netPence: figure.pence(OV.net, landedPence - sums.investedPence),
      // the value landing here claimed, validated and realised, each net of and per £1 of the costs it bore
      ...threeWaysAnswer(book, fromBook, organisationCostsCounted(params.financialYear)),
    };
  },
  terms: ({ db, key, cutoff, param, basis }) =>
    organisationValueTerms(
      db,
      { organisationId: param('organisationId') ?? '', financialYear: param('financialYear'), cutoff },
      key,
      basis,
    ),
} satisfies FigureQueryModule<'organisation-value'>;
