import Database from 'better-sqlite3';
import { VALUE_WAYS, ValueWay, returnPerPound } from '@benefit-ledger/domain';
import { FigureBook } from './figure-book';
import { FigureQueryModule } from './figure-query';
import { encodeFigureRef } from './figure-ref';
import { basisOf, bookFigures, cutoffParamsOf } from './figures';
import {
  AttributionParams,
  PROGRAMME_AND_INTERVENTION_COSTS,
  PROGRAMME_COSTS,
  attributionKeys as AK,
  computeAttribution,
} from './partnership-attribution';
import { bookTerms } from './term-sources';
import { netAndRoi, threeWaysAnswer } from './value-three-ways';

/** GET /partnerships/:id/attribution: a partnership's value attributed by enrolment share, its costs and ROIs (partnership-attribution.ts). */
export const partnershipAttributionQuery = {
  query: 'partnership-attribution',
  answer(db: Database.Database, query: AttributionParams) {
    const book = new FigureBook(false);
    const basis = computeAttribution(db, query, book);
    const params = {
      partnershipId: query.partnershipId,
      financialYear: query.financialYear,
      ...cutoffParamsOf(query.cutoff),
    };
    const figure = bookFigures('partnership-attribution', params, book);
    const roi = returnPerPound(book.value(AK.attributed), book.value(AK.costs));
    const roiWide = returnPerPound(book.value(AK.attributed), book.value(AK.programmeAndInterventionCosts));
    const { position: _position, ...agreement } = basis.agreement;
    return {
      query: 'partnership-attribution',
      partnershipId: query.partnershipId,
      name: basis.name,
      financialYear: query.financialYear,
      ...basisOf(query.cutoff),
      agreement,
      interventions: basis.enrolments.map((enrolment) => ({
        interventionId: enrolment.interventionId,
        attributionBasisPoints: enrolment.attributionBasisPoints,
        validatedPence: figure.pence(AK.validated(enrolment.interventionId)),
        attributedPence: figure.pence(AK.attributedFrom(enrolment.interventionId)),
        costsSharePence: figure.pence(AK.interventionCostsOf(enrolment.interventionId)),
      })),
      attributedPence: figure.pence(AK.attributed),
      members: basis.agreement.shares.map((share) => ({
        organisationId: share.organisationId,
        basisPoints: share.basisPoints,
        attributedPence: figure.pence(AK.member(share.organisationId)),
      })),
      costs: {
        totalPence: figure.pence(AK.costs),
        directPence: figure.pence(AK.costsOfType('direct')),
        indirectPence: figure.pence(AK.costsOfType('indirect')),
        interventionsSharePence: figure.pence(AK.interventionCosts),
        programmeAndInterventionsPence: figure.pence(AK.programmeAndInterventionCosts),
        // each programme cost line of the year, in the order recorded
        lines: book
          .keys()
          .filter((key) => key.startsWith('["cost-line",'))
          .map((key) => ({ costId: (JSON.parse(key) as string[])[1], amountPence: figure.pence(key) })),
      },
      // the ROI both ways, each labelled with the costs it counts
      roi: roi
        ? {
            ...roi,
            ref: encodeFigureRef({ query: 'partnership-attribution', params, key: AK.roi }),
            costsCounted: PROGRAMME_COSTS,
          }
        : null,
      roiWithInterventionCosts: roiWide
        ? {
            ...roiWide,
            ref: encodeFigureRef({ query: 'partnership-attribution', params, key: AK.roiWithInterventionCosts }),
            costsCounted: PROGRAMME_AND_INTERVENTION_COSTS,
          }
        : null,
      // the enrolled value claimed, validated and realised, attributed by enrolment share, per £1 of the programme's costs
      ...threeWaysAnswer(book, (key) => figure.pence(key), PROGRAMME_COSTS),
      // and each way net of and per £1 of the programme's costs and its interventions' attributed costs
      valueWithInterventionCosts: Object.fromEntries(
        VALUE_WAYS.map((valueWay) => [
          valueWay,
          netAndRoi(
            book,
            (key) => figure.pence(key),
            valueWay,
            'value-with-intervention-costs',
            PROGRAMME_AND_INTERVENTION_COSTS,
          ),
        ]),
      ) as Record<ValueWay, ReturnType<typeof netAndRoi>>,
    };
  },
  terms: ({ db, key, cutoff, param }) => {
    // An intervention's figure rests on its own enrolment alone: a trace of it leaves the other hundreds out.
    const [scope, interventionId] = JSON.parse(key) as string[];
    const book = new FigureBook(true, key);
    computeAttribution(
      db,
      { partnershipId: param('partnershipId') ?? '', financialYear: param('financialYear') ?? '', cutoff },
      book,
      scope === 'intervention' ? interventionId : undefined,
    );
    return bookTerms(book, key);
  },
} satisfies FigureQueryModule<'partnership-attribution'>;
