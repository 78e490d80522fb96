import Database from 'better-sqlite3';
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
  answer(db: Database.Database, p: OrganisationValueParams) {
    const organisation = organisationById(db, p.cutoff, p.organisationId);
    if (!organisation) throw notFound('organisation-not-found', `organisation '${p.organisationId}' is not registered`);
    const sums = organisationValueSums(db, p);
    const f = figureMaker('organisation-value', {
      organisationId: p.organisationId,
      financialYear: p.financialYear,
      ...cutoffParamsOf(p.cutoff),
    });
    const book = new FigureBook(false);
    organisationThreeWays(db, p, book);
    const fromBook = (key: string) => f.pence(key, book.value(key));
    const landed = sums.landed;
    const landedPence = sumOf(landed, (r) => r.pence);
    const breakdown = (field: 'benefit_type' | 'lens', key: (value: string) => string) =>
      Object.fromEntries(
        [...new Set(landed.map((r) => r[field]))].sort().map((v) => [
          v,
          f.pence(
            key(v),
            sumOf(
              landed,
              (r) => r.pence,
              (r) => r[field] === v,
            ),
          ),
        ]),
      );
    const here = sumOf(
      sums.investmentLanded,
      (r) => r.pence,
      (r) => r.to === p.organisationId,
    );
    const total = sumOf(sums.investmentLanded, (r) => r.pence);
    return {
      query: 'organisation-value',
      organisationId: p.organisationId,
      name: organisation.name,
      type: organisation.type,
      financialYear: p.financialYear,
      ...basisOf(p.cutoff),
      investedPence: f.pence(OV.invested, sums.investedPence),
      landedHere: {
        totalPence: f.pence(OV.landed, landedPence),
        fromOwnInvestmentPence: f.pence(OV.landedFromOwnInvestment, here),
        byType: breakdown('benefit_type', OV.landedByType),
        byLens: breakdown('lens', OV.landedByLens),
        // cash: cash-releasing benefits, and cash actually released from capacity landing here; the rest of the value is not cash
        cashPence: fromBook(OV.landedCash(true)),
        nonCashPence: fromBook(OV.landedCash(false)),
        recurrentPence: f.pence(
          OV.landedRecurrence('recurrent'),
          sumOf(
            landed,
            (r) => r.pence,
            (r) => r.recurrence === 'recurrent',
          ),
        ),
        nonRecurrentPence: f.pence(
          OV.landedRecurrence('non-recurrent'),
          sumOf(
            landed,
            (r) => r.pence,
            (r) => r.recurrence === 'non-recurrent',
          ),
        ),
      },
      investmentLanded: {
        totalPence: f.pence(OV.investmentLanded, total),
        herePence: f.pence(OV.investmentLandedHere, here),
        elsewherePence: f.pence(OV.investmentLandedElsewhere, total - here),
        byOrganisation: sums.investmentLanded.map((r) => ({
          organisationId: r.to,
          ...f.pence(OV.investmentLandedAt(r.to), r.pence),
        })),
      },
      netPence: f.pence(OV.net, landedPence - sums.investedPence),
      // the value landing here claimed, validated and realised, each net of and per £1 of the costs it bore
      ...threeWaysAnswer(book, fromBook, organisationCostsCounted(p.financialYear)),
    };
  },
  terms: ({ db, key, cutoff, param }) =>
    organisationValueTerms(
      db,
      { organisationId: param('organisationId') ?? '', financialYear: param('financialYear'), cutoff },
      key,
    ),
} satisfies FigureQueryModule<'organisation-value'>;
