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
  answer(p: InterventionValueParams, streamEvents: readonly RecordedEvent[]) {
    const book = new FigureBook(false);
    const at = computeInterventionValue(streamEvents, p, book);
    const params = { interventionId: p.interventionId, financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
    const f = figureMaker('intervention-value', params);
    const K = interventionValueKeys;
    const fig = (parts: readonly string[]) =>
      f.pence(interventionValueKey(parts), book.value(interventionValueKey(parts)));
    const roiOf = (way: ValueWay) => {
      const roi = returnPerPound(
        book.value(interventionValueKey(K.way(way))),
        book.value(interventionValueKey(K.cost('total'))),
      );
      return roi ? { ...roi, ref: f.pence(interventionValueKey(K.roi(way)), roi.pencePerPound).ref } : null;
    };
    const way = (w: ValueWay) => ({
      totalPence: fig(K.way(w)),
      cashPence: fig(K.wayCash(w, true)),
      nonCashPence: fig(K.wayCash(w, false)),
      netPence: fig(K.net(w)),
      roi: roiOf(w),
      costsCounted: at.basis.costsCounted,
    });
    const bearers = [
      ...new Set(
        at.state.costs
          .filter((c) => p.financialYear === null || c.financialYear === p.financialYear)
          .map((c) => c.bearerOrganisationId),
      ),
    ].sort();
    return {
      query: 'intervention-value' as const,
      interventionId: p.interventionId,
      title: at.state.title ?? '',
      financialYear: p.financialYear,
      ...basisOf(p.cutoff),
      revision: at.revision,
      costs: {
        directPence: fig(K.cost('direct')),
        indirectPence: fig(K.cost('indirect')),
        totalPence: fig(K.cost('total')),
        byBearer: Object.fromEntries(bearers.map((o) => [o, fig(K.costBorneBy(o))])),
      },
      value: {
        claimed: way('claimed'),
        validated: way('validated'),
        realised: {
          ...way('realised'),
          parts: Object.fromEntries(REALISED_PARTS.map((part) => [part, fig(K.realisedPart(part))])) as Record<
            (typeof REALISED_PARTS)[number],
            Figure
          >,
        },
      },
      notRealised: {
        totalPence: fig(K.notRealised('total')),
        ...(Object.fromEntries(NOT_REALISED_PARTS.map((part) => [part, fig(K.notRealised(part))])) as Record<
          (typeof NOT_REALISED_PARTS)[number],
          Figure
        >),
        recordedBeyondLimitsPence: fig(K.notRealised('recordedBeyondLimitsPence')),
      },
      // the headline figures, under the names they always had: claimed, validated, realised and rejected; validated net and ROI
      benefits: {
        claimedPence: fig(K.way('claimed')),
        validatedPence: fig(K.way('validated')),
        realisedPence: fig(K.way('realised')),
        rejectedPence: fig(K.rejected),
      },
      netValuePence: fig(K.net('validated')),
      roi: roiOf('validated'),
      byType: Object.fromEntries(
        BENEFIT_TYPES.map((t) => [
          t,
          Object.fromEntries([...VALUE_WAYS, 'rejected' as const].map((w) => [`${w}Pence`, fig(K.byType(t, w))])),
        ]),
      ) as Record<(typeof BENEFIT_TYPES)[number], Record<`${ValueWay | 'rejected'}Pence`, Figure>>,
      capacity: at.basis.capacity.map(({ benefitId, unit, realisation: r }) => ({
        benefitId,
        unit,
        quantities: {
          validated: fromHundredths(r.quantities.validated),
          harvestedAsCash: fromHundredths(r.quantities.harvestedAsCash),
          harvestedForReinvestment: fromHundredths(r.quantities.harvestedForReinvestment),
          reinvested: fromHundredths(r.quantities.reinvested),
          unharvested: fromHundredths(r.quantities.unharvested),
          undecided: fromHundredths(r.quantities.undecided),
        },
        validatedPence: fig(K.capacity(benefitId, 'validated')),
        realisedPence: fig(K.capacity(benefitId, 'realised')),
        unharvestedPence: fig(K.capacity(benefitId, 'unharvested')),
        undecidedPence: fig(K.capacity(benefitId, 'undecided')),
      })),
      multiYear: {
        benefits: at.basis.multiYearBenefits,
        undiscountedPence: fig(K.multiYear('undiscounted')),
        presentValuePence: fig(K.multiYear('present-value')),
        adjustedPresentValuePence: fig(K.multiYear('adjusted-present-value')),
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
