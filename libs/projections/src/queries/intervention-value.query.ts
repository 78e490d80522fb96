import {
  BENEFIT_TYPES,
  NOT_REALISED_PARTS,
  REALISED_PARTS,
  VALUE_WAYS,
  ValueWay,
  fromHundredths,
  interventionValueKeys,
  returnPerPound,
} from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { FigureBook } from './figure-book';
import { FigureQueryModule } from './figure-query';
import { Figure, basisOf, cutoffParamsOf, figureMaker } from './figures';
import { InterventionValueParams, computeInterventionValue, interventionValueKey } from './intervention-value';
import { bookTerms } from './term-sources';

/** GET /interventions/:id/value: one intervention's value from its own stream (intervention-value.ts). */
export const interventionValueQuery = {
  query: 'intervention-value',
  /**
   * One intervention's value as at the cutoff, from its stream's events (intervention-value.ts): claimed, validated
   * and realised, each with cash / non-cash, net and ROI on the costs it names; the parts of realised value and what is
   * not realised beside it; per capacity benefit, what became of it. Every figure carries a reference /trace accepts
   * (give it the same stream). The read models give the cutoff (asAt) and, in a trace, the events' provenance.
   */
  answer(query: InterventionValueParams, streamEvents: readonly RecordedEvent[]) {
    const book = new FigureBook(false);
    const at = computeInterventionValue(streamEvents, query, book);
    const params = {
      interventionId: query.interventionId,
      financialYear: query.financialYear,
      ...cutoffParamsOf(query.cutoff),
    };
    const figure = figureMaker('intervention-value', params);
    const keys = interventionValueKeys;
    const fig = (parts: readonly string[]) =>
      figure.pence(interventionValueKey(parts), book.value(interventionValueKey(parts)));
    const roiOf = (way: ValueWay) => {
      const roi = returnPerPound(
        book.value(interventionValueKey(keys.way(way))),
        book.value(interventionValueKey(keys.cost('total'))),
      );
      return roi ? { ...roi, ref: figure.pence(interventionValueKey(keys.roi(way)), roi.pencePerPound).ref } : null;
    };
    const way = (valueWay: ValueWay) => ({
      totalPence: fig(keys.way(valueWay)),
      cashPence: fig(keys.wayCash(valueWay, true)),
      nonCashPence: fig(keys.wayCash(valueWay, false)),
      netPence: fig(keys.net(valueWay)),
      roi: roiOf(valueWay),
      costsCounted: at.basis.costsCounted,
    });
    const bearers = [
      ...new Set(
        [...at.state.costs.values()]
          .filter((c) => query.financialYear === null || c.financialYear === query.financialYear)
          .map((c) => c.bearerOrganisationId),
      ),
    ].sort();
    return {
      query: 'intervention-value' as const,
      interventionId: query.interventionId,
      title: at.state.title ?? '',
      financialYear: query.financialYear,
      ...basisOf(query.cutoff),
      revision: at.revision,
      costs: {
        directPence: fig(keys.cost('direct')),
        indirectPence: fig(keys.cost('indirect')),
        totalPence: fig(keys.cost('total')),
        byBearer: Object.fromEntries(bearers.map((o) => [o, fig(keys.costBorneBy(o))])),
      },
      value: {
        claimed: way('claimed'),
        validated: way('validated'),
        realised: {
          ...way('realised'),
          parts: Object.fromEntries(REALISED_PARTS.map((part) => [part, fig(keys.realisedPart(part))])) as Record<
            (typeof REALISED_PARTS)[number],
            Figure
          >,
        },
      },
      notRealised: {
        totalPence: fig(keys.notRealised('total')),
        ...(Object.fromEntries(NOT_REALISED_PARTS.map((part) => [part, fig(keys.notRealised(part))])) as Record<
          (typeof NOT_REALISED_PARTS)[number],
          Figure
        >),
        recordedBeyondLimitsPence: fig(keys.notRealised('recordedBeyondLimitsPence')),
      },
      // the headline figures, under the names they always had: claimed, validated, realised and rejected; validated net and ROI
      benefits: {
        claimedPence: fig(keys.way('claimed')),
        validatedPence: fig(keys.way('validated')),
        realisedPence: fig(keys.way('realised')),
        rejectedPence: fig(keys.rejected),
      },
      netValuePence: fig(keys.net('validated')),
      roi: roiOf('validated'),
      byType: Object.fromEntries(
        BENEFIT_TYPES.map((type) => [
          type,
          Object.fromEntries([...VALUE_WAYS, 'rejected' as const].map((w) => [`${w}Pence`, fig(keys.byType(type, w))])),
        ]),
      ) as Record<(typeof BENEFIT_TYPES)[number], Record<`${ValueWay | 'rejected'}Pence`, Figure>>,
      capacity: at.basis.capacity.map(({ benefitId, unit, realisation }) => ({
        benefitId,
        unit,
        quantities: {
          validated: fromHundredths(realisation.quantities.validated),
          harvestedAsCash: fromHundredths(realisation.quantities.harvestedAsCash),
          harvestedForReinvestment: fromHundredths(realisation.quantities.harvestedForReinvestment),
          reinvested: fromHundredths(realisation.quantities.reinvested),
          unharvested: fromHundredths(realisation.quantities.unharvested),
          undecided: fromHundredths(realisation.quantities.undecided),
        },
        validatedPence: fig(keys.capacity(benefitId, 'validated')),
        realisedPence: fig(keys.capacity(benefitId, 'realised')),
        unharvestedPence: fig(keys.capacity(benefitId, 'unharvested')),
        undecidedPence: fig(keys.capacity(benefitId, 'undecided')),
      })),
      multiYear: {
        benefits: at.basis.multiYearBenefits,
        undiscountedPence: fig(keys.multiYear('undiscounted')),
        presentValuePence: fig(keys.multiYear('present-value')),
        adjustedPresentValuePence: fig(keys.multiYear('adjusted-present-value')),
      },
      ...(at.basis.excludedFigures.length ? { excludedFigures: at.basis.excludedFigures } : {}),
    };
  },
  terms: ({ key, cutoff, param, streamEvents }) => {
    // an intervention's figures come from its own stream, which the caller read (the read models hold its provenance)
    if (!streamEvents) throw new Error("a trace of an intervention's value needs the intervention's stream");
    const book = new FigureBook(true, key);
    computeInterventionValue(
      streamEvents,
      { interventionId: param('interventionId') ?? '', financialYear: param('financialYear'), cutoff },
      book,
    );
    return bookTerms(book, key);
  },
} satisfies FigureQueryModule<'intervention-value'>;
