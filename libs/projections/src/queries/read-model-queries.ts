import {
  BENEFIT_TYPES,
  NOT_REALISED_PARTS,
  formatPounds,
  REALISED_PARTS,
  VALUE_WAYS,
  ValueWay,
  fromHundredths,
  interventionValueKeys,
  notFound,
  returnPerPound,
  sourceNoteOf,
} from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { NO_RECORDED_INVESTMENT } from '../flow-parts';
import { ReadModelStore } from '../read-model-store';
import { CAPACITY_MEASURES, CapacityParams, computeCapacity } from './capacity';
import { FigureBook } from './figure-book';
import { FigureQuery, FigureRef, decodeFigureRef, encodeFigureRef } from './figure-ref';
import {
  OrganisationValueParams,
  organisationCostsCounted,
  organisationThreeWays,
  organisationValueKeys as OV,
  organisationValueSums,
  organisationValueTerms,
} from './organisation-value';
import { netAndRoi, threeWaysAnswer } from './value-three-ways';
import {
  AttributionParams,
  PROGRAMME_AND_INTERVENTION_COSTS,
  PROGRAMME_COSTS,
  attributionKeys as AK,
  computeAttribution,
} from './partnership-attribution';
import { Cutoff, positionAt } from './query-basis';
import { eventsAt, organisationById, organisationsById } from './read-model-reads';
import {
  SystemFlowsParams,
  flowKeys,
  systemCostsCounted,
  systemFlowLinks,
  systemFlowTerms,
  systemThreeWays,
} from './system-flows';
import { InterventionValueParams, computeInterventionValue, interventionValueKey } from './intervention-value';
import { TermSource, bookTerms } from './term-sources';
import {
  LINE_STATUSES,
  ReconciliationParams,
  SPLITS,
  Split,
  computeReconciliation,
  lineStatus,
  reconciliationKeys as RK,
} from './reconciliation';
import { required } from '../required';

export interface Figure {
  pence: number;
  ref: string;
}
export interface QuantityFigure {
  quantity: number;
  ref: string;
}

/** A page of a trace's terms: `limit` terms from `offset`. */
export interface TracePage {
  offset: number;
  limit: number;
}
export const DEFAULT_TRACE_PAGE: TracePage = { offset: 0, limit: 100 };
/** Every term at once: an audit pack holds a figure's whole arithmetic, however long. */
export const WHOLE_TRACE: TracePage = { offset: 0, limit: Number.MAX_SAFE_INTEGER };

/** The basis every answer states: the log position it answers up to, and the instant when asked as at one. */
export const basisOf = (c: Cutoff) => (c.asAt ? { asAt: c.asAt, upToPosition: c.upTo } : { upToPosition: c.upTo });
/** What a figure reference pins: the position, and the instant it was asked as at (for the record). */
export const cutoffParamsOf = (c: Cutoff): Record<string, string | number | null> =>
  c.asAt ? { asAt: c.asAt, upTo: c.upTo } : { upTo: c.upTo };

/** Figures {pence, ref} of one query run, by key. */
export function figureMaker(query: FigureQuery, params: FigureRef['params']) {
  const ref = (key: string) => encodeFigureRef({ query, params, key });
  return {
    pence: (key: string, pence: number): Figure => ({ pence, ref: ref(key) }),
    quantity: (key: string, hundredths: number): QuantityFigure => ({
      quantity: fromHundredths(hundredths),
      ref: ref(key),
    }),
  };
}

/** Figures of a query computed in a FigureBook (capacity, attribution). */
function bookFigures(query: FigureQuery, params: FigureRef['params'], book: FigureBook) {
  const f = figureMaker(query, params);
  return {
    pence: (key: string): Figure => f.pence(key, book.value(key)),
    quantity: (key: string): QuantityFigure => f.quantity(key, book.value(key)),
  };
}

const sumOf = <T>(rows: readonly T[], amount: (row: T) => number, where: (row: T) => boolean = () => true) =>
  rows.reduce((total, row) => (where(row) ? total + amount(row) : total), 0);

/**
 * The read-model queries of docs/design.md#the-arithmetic and their trace. Every figure carries a reference that `trace` accepts;
 * `trace` reads the terms of that one figure (term-sources.ts), their arithmetic and the events behind them.
 * Each query runs in one read transaction: a consistent snapshot.
 */
export class ReadModelQueries {
  constructor(private readonly readModels: ReadModelStore) {}

  /** The cutoff for a query: the log as known at an instant, or pinned to what has been applied now. */
  cutoff(asAt: string | null): Cutoff {
    return asAt
      ? { asAt, upTo: positionAt(this.readModels.db, asAt) }
      : { asAt: null, upTo: this.readModels.checkpoint() };
  }

  /** The cutoff a figure reference pinned (references from before positions were pinned resolve their instant). */
  private cutoffOf(params: FigureRef['params']): Cutoff {
    const asAt = typeof params.asAt === 'string' ? params.asAt : null;
    if (typeof params.upTo === 'number') return { asAt, upTo: params.upTo };
    return this.cutoff(asAt);
  }

  systemFlows(p: SystemFlowsParams) {
    return this.readModels.read((db) => {
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
    });
  }

  organisationValue(p: OrganisationValueParams) {
    return this.readModels.read((db) => {
      const organisation = organisationById(db, p.cutoff, p.organisationId);
      if (!organisation)
        throw notFound('organisation-not-found', `organisation '${p.organisationId}' is not registered`);
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
    });
  }

  capacity(p: CapacityParams) {
    return this.readModels.read((db) => {
      const book = new FigureBook(false);
      computeCapacity(db, p, book);
      const params = {
        organisationId: p.organisationId,
        resource: p.resource,
        financialYear: p.financialYear,
        ...cutoffParamsOf(p.cutoff),
      };
      const f = bookFigures('capacity', params, book);
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
            released: f.quantity(key('released')),
            harvestedAsCash: f.quantity(key('harvested-cash')),
            harvestedForReinvestment: f.quantity(key('harvested-reinvest')),
            unharvested: f.quantity(key('unharvested')),
            undecided: f.quantity(key('undecided')),
            reinvested: f.quantity(key('reinvested')),
            cashReleasedPence: f.pence(key('cash-released-pence')),
            reinvestedValuePence: f.pence(key('reinvested-value-pence')),
          };
        });
      return {
        query: 'capacity',
        organisationId: p.organisationId,
        resource: p.resource,
        financialYear: p.financialYear,
        ...basisOf(p.cutoff),
        rows,
      };
    });
  }

  partnershipAttribution(p: AttributionParams) {
    return this.readModels.read((db) => {
      const book = new FigureBook(false);
      const basis = computeAttribution(db, p, book);
      const params = { partnershipId: p.partnershipId, financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
      const f = bookFigures('partnership-attribution', params, book);
      const roi = returnPerPound(book.value(AK.attributed), book.value(AK.costs));
      const roiWide = returnPerPound(book.value(AK.attributed), book.value(AK.programmeAndInterventionCosts));
      const { position: _position, ...agreement } = basis.agreement;
      return {
        query: 'partnership-attribution',
        partnershipId: p.partnershipId,
        name: basis.name,
        financialYear: p.financialYear,
        ...basisOf(p.cutoff),
        agreement,
        interventions: basis.enrolments.map((e) => ({
          interventionId: e.interventionId,
          attributionBasisPoints: e.attributionBasisPoints,
          validatedPence: f.pence(AK.validated(e.interventionId)),
          attributedPence: f.pence(AK.attributedFrom(e.interventionId)),
          costsSharePence: f.pence(AK.interventionCostsOf(e.interventionId)),
        })),
        attributedPence: f.pence(AK.attributed),
        members: basis.agreement.shares.map((s) => ({
          organisationId: s.organisationId,
          basisPoints: s.basisPoints,
          attributedPence: f.pence(AK.member(s.organisationId)),
        })),
        costs: {
          totalPence: f.pence(AK.costs),
          directPence: f.pence(AK.costsOfType('direct')),
          indirectPence: f.pence(AK.costsOfType('indirect')),
          interventionsSharePence: f.pence(AK.interventionCosts),
          programmeAndInterventionsPence: f.pence(AK.programmeAndInterventionCosts),
          // each programme cost line of the year, in the order recorded
          lines: book
            .keys()
            .filter((key) => key.startsWith('["cost-line",'))
            .map((key) => ({ costId: (JSON.parse(key) as string[])[1], amountPence: f.pence(key) })),
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
        ...threeWaysAnswer(book, (key) => f.pence(key), PROGRAMME_COSTS),
        // and each way net of and per £1 of the programme's costs and its interventions' attributed costs
        valueWithInterventionCosts: Object.fromEntries(
          VALUE_WAYS.map((w) => [
            w,
            netAndRoi(
              book,
              (key) => f.pence(key),
              w,
              'value-with-intervention-costs',
              PROGRAMME_AND_INTERVENTION_COSTS,
            ),
          ]),
        ) as Record<ValueWay, ReturnType<typeof netAndRoi>>,
      };
    });
  }

  reconciliation(p: ReconciliationParams) {
    return this.readModels.read((db) => {
      const organisation = organisationById(db, p.cutoff, p.organisationId);
      if (!organisation)
        throw notFound('organisation-not-found', `organisation '${p.organisationId}' is not registered`);
      const book = new FigureBook(false);
      const basis = computeReconciliation(db, p, book);
      const params = { organisationId: p.organisationId, financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
      const f = bookFigures('reconciliation', params, book);
      const camel: Record<Split, string> = {
        'cash-releasing': 'cashReleasingPence',
        'non-cash-releasing': 'nonCashReleasingPence',
        recurrent: 'recurrentPence',
        'non-recurrent': 'nonRecurrentPence',
      };
      const splits = (side: 'reported' | 'evidenced' | 'validated' | 'unclaimed') =>
        Object.fromEntries(SPLITS.map((s) => [camel[s], f.pence(RK.split(side, s))]));
      // reported cash against cash evidence; a cash-releasing line evidenced by what is not cash is flagged with how much
      const cashOfLine = (l: (typeof basis.lines)[number]) => {
        const notCash = book.value(RK.lineCash(l.lineId, 'evidence-not-cash'));
        return {
          reportedPence: f.pence(RK.lineCash(l.lineId, 'reported-cash')),
          evidencedPence: f.pence(RK.lineCash(l.lineId, 'evidenced-cash')),
          evidenceNotCashPence: f.pence(RK.lineCash(l.lineId, 'evidence-not-cash')),
          flag:
            notCash > 0
              ? `cash-releasing line evidenced by ${formatPounds(notCash)} of benefits that are not cash (only cash-releasing benefits, and cash actually released from capacity, evidence cash)`
              : null,
        };
      };
      const lines = basis.lines.map((l) => {
        const evidenced = book.value(RK.line(l.lineId, 'evidenced'));
        return {
          lineId: l.lineId,
          description: l.description,
          cashReleasing: l.cashReleasing,
          recurrent: l.recurrent,
          status: lineStatus(l.amountPence, evidenced),
          reportedPence: f.pence(RK.line(l.lineId, 'reported')),
          evidencedPence: f.pence(RK.line(l.lineId, 'evidenced')),
          variancePence: f.pence(RK.line(l.lineId, 'variance')),
          cash: cashOfLine(l),
          benefits: l.links.map((x) => ({
            interventionId: x.interventionId,
            benefitId: x.benefitId,
            benefitType: x.benefit.benefit_type,
            recurrence: x.benefit.recurrence,
            linkedPence: f.pence(RK.lineBenefit(l.lineId, x.interventionId, x.benefitId)),
          })),
        };
      });
      const signer = basis.signOff ? eventsAt(db, [basis.signOff.position])[0] : null;
      return {
        query: 'reconciliation',
        organisationId: p.organisationId,
        name: organisation.name,
        financialYear: p.financialYear,
        ...basisOf(p.cutoff),
        report: {
          version: basis.report.version,
          statedTotalPence: basis.report.totalPence,
          source: basis.report.source,
          recordedAt: basis.report.recordedAt,
          signedOff:
            basis.signOff && signer
              ? {
                  version: basis.signOff.version,
                  reportedPence: basis.signOff.reportedPence,
                  evidencedPence: basis.signOff.evidencedPence,
                  note: basis.signOff.note,
                  recordedAt: basis.signOff.recordedAt,
                  by: {
                    userId: signer.actor_user_id,
                    organisationId: signer.actor_organisation_id,
                    role: signer.actor_role,
                  },
                }
              : null,
        },
        lines,
        byStatus: Object.fromEntries(LINE_STATUSES.map((s) => [s, lines.filter((l) => l.status === s).length])),
        unclaimedBenefits: basis.benefits
          .filter((b) => b.benefit.validated_value_pence > b.linkedPence)
          .map(({ benefit: b, linkedPence }) => ({
            interventionId: b.intervention_id,
            benefitId: b.benefit_id,
            benefitType: b.benefit_type,
            recurrence: b.recurrence,
            validatedPence: b.validated_value_pence,
            linkedPence,
            unclaimedPence: f.pence(RK.unclaimed(b.intervention_id, b.benefit_id)),
          })),
        // claims not yet validated, beside the validated benefits the lines leave unclaimed
        claimsAwaitingValidation: basis.awaitingValidation.map((c) => ({
          interventionId: c.interventionId,
          benefitId: c.benefitId,
          benefitType: c.benefitType,
          claimedPence: f.pence(RK.awaiting(c.interventionId, c.benefitId)),
        })),
        totals: {
          reportedPence: f.pence(RK.total('reported')),
          evidencedPence: f.pence(RK.total('evidenced')),
          variancePence: f.pence(RK.total('variance')),
          validatedLandedPence: f.pence(RK.total('validated')),
          unclaimedPence: f.pence(RK.total('unclaimed')),
          reportedCashPence: f.pence(RK.total('reported-cash')),
          evidencedCashPence: f.pence(RK.total('evidenced-cash')),
          cashEvidenceNotCashPence: f.pence(RK.total('evidence-not-cash')),
          claimsAwaitingValidationPence: f.pence(RK.total('awaiting-validation')),
        },
        flaggedLines: lines.filter((l) => l.cash.flag !== null).length,
        splits: {
          reported: splits('reported'),
          evidenced: splits('evidenced'),
          validatedLanded: splits('validated'),
          unclaimed: splits('unclaimed'),
        },
      };
    });
  }

  /**
   * One intervention's value as at the cutoff, from its stream's events (intervention-value.ts): claimed, validated
   * and realised, each with cash / non-cash, net and ROI on the costs it names; the parts of realised value and what is
   * not realised beside it; per capacity benefit, what became of it. Every figure carries a reference /trace accepts
   * (give it the same stream). The read models give the cutoff (asAt) and, in a trace, the events' provenance.
   */
  interventionValue(p: InterventionValueParams, streamEvents: readonly RecordedEvent[]) {
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
  }

  /**
   * The stored events the figures could not fold (unfolded_events), in log order: each left out of every figure,
   * named by position with the reason, so that an auditor sees what the totals do not count.
   */
  unfoldedEvents(): { position: number; streamId: string; type: string; reason: string; recordedAt: string }[] {
    return this.readModels.read(
      (db) =>
        db
          .prepare(
            `SELECT position, stream_id AS streamId, type, reason, recorded_at AS recordedAt
      FROM unfolded_events ORDER BY position`,
          )
          .all() as { position: number; streamId: string; type: string; reason: string; recordedAt: string }[],
    );
  }

  /** Decodes a figure reference (400 if it is not one). */
  decode(text: string): FigureRef {
    return decodeFigureRef(text);
  }

  /**
   * The events behind one figure, with the arithmetic from them to the figure: `total` is the whole figure;
   * `terms` (and the events they rest on) are one page of the terms that add up to it, `page` says where.
   */
  trace(ref: FigureRef, page: TracePage = DEFAULT_TRACE_PAGE, streamEvents: readonly RecordedEvent[] | null = null) {
    return this.readModels.read((db) => {
      const source = this.termSource(db, ref, streamEvents);
      const { value, count } = source.summary();
      const terms = source.page(page.offset, page.limit);
      const next = page.offset + terms.length;
      return {
        figure: { query: ref.query, parameters: ref.params, key: JSON.parse(ref.key) as unknown, value },
        arithmetic: { terms, total: value },
        page: { offset: page.offset, limit: page.limit, terms: count, nextOffset: next < count ? next : null },
        events: eventsAt(
          db,
          terms.flatMap((t) => t.positions),
        ).map((e) => ({
          eventId: e.event_id,
          streamId: e.stream_id,
          revision: e.revision,
          position: e.position,
          hash: e.hash,
          type: e.type,
          actor: { userId: e.actor_user_id, organisationId: e.actor_organisation_id, role: e.actor_role },
          recordedAt: e.recorded_at,
          correlationId: e.correlation_id,
          source: e.source_json ? (JSON.parse(e.source_json) as unknown) : null,
          // an event of a kind that takes a source but was written before one was required says so
          sourceNote: sourceNoteOf(e.type, e.source_json !== null),
        })),
      };
    });
  }

  /** Where the terms of a referenced figure come from: SQL for flows and organisation value, a FigureBook for the rest. */
  private termSource(
    db: Parameters<Parameters<ReadModelStore['read']>[0]>[0],
    ref: FigureRef,
    streamEvents: readonly RecordedEvent[] | null = null,
  ): TermSource {
    const cutoff = this.cutoffOf(ref.params);
    const str = (name: string) => (typeof ref.params[name] === 'string' ? ref.params[name] : null);
    switch (ref.query) {
      case 'system-flows':
        return systemFlowTerms(db, { financialYear: str('financialYear'), cutoff }, ref.key);
      case 'organisation-value':
        return organisationValueTerms(
          db,
          { organisationId: str('organisationId') ?? '', financialYear: str('financialYear'), cutoff },
          ref.key,
        );
      case 'capacity': {
        // A capacity figure is one (organisation, resource, year, measure): compute just that row.
        const [organisationId, resource, financialYear] = JSON.parse(ref.key) as string[];
        const book = new FigureBook(true, ref.key);
        computeCapacity(db, { organisationId, resource, financialYear, cutoff }, book);
        return bookTerms(book, ref.key);
      }
      case 'partnership-attribution': {
        // An intervention's figure rests on its own enrolment alone: a trace of it leaves the other hundreds out.
        const [scope, interventionId] = JSON.parse(ref.key) as string[];
        const book = new FigureBook(true, ref.key);
        computeAttribution(
          db,
          { partnershipId: str('partnershipId') ?? '', financialYear: str('financialYear') ?? '', cutoff },
          book,
          scope === 'intervention' ? interventionId : undefined,
        );
        return bookTerms(book, ref.key);
      }
      case 'reconciliation': {
        const book = new FigureBook(true, ref.key);
        computeReconciliation(
          db,
          { organisationId: str('organisationId') ?? '', financialYear: str('financialYear') ?? '', cutoff },
          book,
        );
        return bookTerms(book, ref.key);
      }
      case 'intervention-value': {
        // an intervention's figures come from its own stream, which the caller read (the read models hold its provenance)
        if (!streamEvents) throw new Error("a trace of an intervention's value needs the intervention's stream");
        const book = new FigureBook(true, ref.key);
        computeInterventionValue(
          streamEvents,
          { interventionId: str('interventionId') ?? '', financialYear: str('financialYear'), cutoff },
          book,
        );
        return bookTerms(book, ref.key);
      }
    }
  }
}
