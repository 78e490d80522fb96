import { fromHundredths, notFound, returnPerPound } from '@benefit-ledger/domain';
import { ReadModelStore } from '../read-model-store';
import { CAPACITY_MEASURES, CapacityParams, computeCapacity } from './capacity';
import { FigureBook } from './figure-book';
import { FigureQuery, FigureRef, decodeFigureRef, encodeFigureRef } from './figure-ref';
import { NO_RECORDED_INVESTMENT } from './flow-allocation';
import { OrganisationValueParams, computeOrganisationValue, organisationValueKeys as OV } from './organisation-value';
import { AttributionParams, attributionKeys as AK, computeAttribution } from './partnership-attribution';
import { Cutoff } from './query-basis';
import { ReconciliationParams, SPLITS, Split, computeReconciliation, lineStatus, reconciliationKeys as RK } from './reconciliation';
import { eventsAt, organisationsById } from './read-model-reads';
import { SystemFlowsParams, computeSystemFlows, flowKeys, systemFlowsScope } from './system-flows';

export interface Figure { pence: number; ref: string }
export interface QuantityFigure { quantity: number; ref: string }

/** The basis every answer states: as at an instant, or up to a log position. */
const basisOf = (c: Cutoff) => (c.asAt ? { asAt: c.asAt } : { upToPosition: c.upTo });
const cutoffParamsOf = (c: Cutoff): Record<string, string | number | null> => (c.asAt ? { asAt: c.asAt } : { upTo: c.upTo });
const cutoffFrom = (params: FigureRef['params']): Cutoff => ({
  asAt: typeof params.asAt === 'string' ? params.asAt : null, upTo: typeof params.upTo === 'number' ? params.upTo : null,
});

/** Turns FigureBook entries into {pence, ref} figures for one query run. */
function figures(query: FigureQuery, params: FigureRef['params'], book: FigureBook) {
  const ref = (key: string) => encodeFigureRef({ query, params, key });
  return {
    pence: (key: string): Figure => ({ pence: book.value(key), ref: ref(key) }),
    quantity: (key: string): QuantityFigure => ({ quantity: fromHundredths(book.value(key)), ref: ref(key) }),
  };
}

/**
 * The read-model queries of design §3 and their trace. Every figure carries a reference that `trace`
 * accepts; `trace` recomputes that one figure with the same code, keeping the terms and events behind it.
 * Each query runs in one read transaction: a consistent snapshot.
 */
export class ReadModelQueries {
  constructor(private readonly readModels: ReadModelStore) {}

  /** The cutoff for a query: as at an instant, or pinned to what has been applied now. */
  cutoff(asAt: string | null): Cutoff {
    return asAt ? { asAt, upTo: null } : { asAt: null, upTo: this.readModels.checkpoint() };
  }

  systemFlows(p: SystemFlowsParams) {
    return this.readModels.read((db) => {
      const book = new FigureBook(false);
      computeSystemFlows(db, p, book);
      const params = { financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
      const f = figures('system-flows', params, book);
      const orgs = organisationsById(db, p.cutoff);
      const links: { from: string; to: string; key: string }[] = [];
      const investors = new Set<string>();
      const landings = new Set<string>();
      for (const key of book.keys()) {
        const [kind, from, to] = JSON.parse(key) as string[];
        if (kind !== 'link') continue;
        links.push({ from, to, key });
        investors.add(from);
        landings.add(to);
      }
      links.sort((a, b) => (a.from === b.from ? (a.to < b.to ? -1 : 1) : a.from < b.from ? -1 : 1));
      const node = (side: 'investor' | 'landing', organisationId: string) => ({
        id: `${side}:${organisationId}`, side, organisationId,
        name: organisationId === NO_RECORDED_INVESTMENT ? 'No recorded investment' : (orgs.get(organisationId)?.name ?? organisationId),
        valuePence: side === 'investor' ? f.pence(flowKeys.out(organisationId)) : f.pence(flowKeys.in(organisationId)),
      });
      return {
        query: 'system-flows', financialYear: p.financialYear, ...basisOf(p.cutoff),
        totals: { validatedPence: f.pence(flowKeys.validated), flowsPence: f.pence(flowKeys.flows), crossOrganisationPence: f.pence(flowKeys.crossOrganisation) },
        nodes: [...[...investors].sort().map((o) => node('investor', o)), ...[...landings].sort().map((o) => node('landing', o))],
        links: links.map((l) => {
          const { pence, ref } = f.pence(l.key);
          return { source: `investor:${l.from}`, target: `landing:${l.to}`, from: l.from, to: l.to, valuePence: pence, ref };
        }),
      };
    });
  }

  organisationValue(p: OrganisationValueParams) {
    return this.readModels.read((db) => {
      const organisation = organisationsById(db, p.cutoff).get(p.organisationId);
      if (!organisation) throw notFound('organisation-not-found', `organisation '${p.organisationId}' is not registered`);
      const book = new FigureBook(false);
      computeOrganisationValue(db, p, book);
      const params = { organisationId: p.organisationId, financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
      const f = figures('organisation-value', params, book);
      const keysOf = (prefix: string[]) => book.keys().map((k) => JSON.parse(k) as string[])
        .filter((k) => k.length === prefix.length + 1 && prefix.every((x, i) => k[i] === x)).map((k) => k[k.length - 1]).sort();
      return {
        query: 'organisation-value', organisationId: p.organisationId, name: organisation.name, type: organisation.type,
        financialYear: p.financialYear, ...basisOf(p.cutoff),
        investedPence: f.pence(OV.invested),
        landedHere: {
          totalPence: f.pence(OV.landed),
          fromOwnInvestmentPence: f.pence(OV.landedFromOwnInvestment),
          byType: Object.fromEntries(keysOf(['landed', 'type']).map((t) => [t, f.pence(OV.landedByType(t))])),
          byLens: Object.fromEntries(keysOf(['landed', 'lens']).map((l) => [l, f.pence(OV.landedByLens(l))])),
          cashPence: f.pence(OV.landedCash(true)),
          nonCashPence: f.pence(OV.landedCash(false)),
          recurrentPence: f.pence(OV.landedRecurrence('recurrent')),
          nonRecurrentPence: f.pence(OV.landedRecurrence('non-recurrent')),
        },
        investmentLanded: {
          totalPence: f.pence(OV.investmentLanded),
          herePence: f.pence(OV.investmentLandedHere),
          elsewherePence: f.pence(OV.investmentLandedElsewhere),
          byOrganisation: keysOf(['investment-landed', 'at']).map((o) => ({ organisationId: o, ...f.pence(OV.investmentLandedAt(o)) })),
        },
        netPence: f.pence(OV.net),
      };
    });
  }

  capacity(p: CapacityParams) {
    return this.readModels.read((db) => {
      const book = new FigureBook(false);
      computeCapacity(db, p, book);
      const params = { organisationId: p.organisationId, resource: p.resource, financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
      const f = figures('capacity', params, book);
      const groups = new Map<string, [string, string, string]>();
      for (const key of book.keys()) {
        const [org, resource, fy] = JSON.parse(key) as string[];
        groups.set(JSON.stringify([org, resource, fy]), [org, resource, fy]);
      }
      const rows = [...groups.values()].sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1)).map(([org, resource, fy]) => {
        const key = (m: (typeof CAPACITY_MEASURES)[number]) => JSON.stringify([org, resource, fy, m]);
        return {
          organisationId: org, resource, financialYear: fy,
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
      return { query: 'capacity', organisationId: p.organisationId, resource: p.resource, financialYear: p.financialYear, ...basisOf(p.cutoff), rows };
    });
  }

  partnershipAttribution(p: AttributionParams) {
    return this.readModels.read((db) => {
      const book = new FigureBook(false);
      const basis = computeAttribution(db, p, book);
      const params = { partnershipId: p.partnershipId, financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
      const f = figures('partnership-attribution', params, book);
      const roi = returnPerPound(book.value(AK.attributed), book.value(AK.costs));
      const { position: _position, ...agreement } = basis.agreement;
      return {
        query: 'partnership-attribution', partnershipId: p.partnershipId, name: basis.name, financialYear: p.financialYear, ...basisOf(p.cutoff),
        agreement,
        interventions: basis.enrolments.map((e) => ({
          interventionId: e.interventionId, attributionBasisPoints: e.attributionBasisPoints,
          validatedPence: f.pence(AK.validated(e.interventionId)), attributedPence: f.pence(AK.attributedFrom(e.interventionId)),
        })),
        attributedPence: f.pence(AK.attributed),
        members: basis.agreement.shares.map((s) => ({ organisationId: s.organisationId, basisPoints: s.basisPoints, attributedPence: f.pence(AK.member(s.organisationId)) })),
        costs: { totalPence: f.pence(AK.costs) },
        roi: roi ? { ...roi, ref: encodeFigureRef({ query: 'partnership-attribution', params, key: AK.roi }) } : null,
      };
    });
  }

  reconciliation(p: ReconciliationParams) {
    return this.readModels.read((db) => {
      const organisation = organisationsById(db, p.cutoff).get(p.organisationId);
      if (!organisation) throw notFound('organisation-not-found', `organisation '${p.organisationId}' is not registered`);
      const book = new FigureBook(false);
      const basis = computeReconciliation(db, p, book);
      const params = { organisationId: p.organisationId, financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
      const f = figures('reconciliation', params, book);
      const camel: Record<Split, string> = { 'cash-releasing': 'cashReleasingPence', 'non-cash-releasing': 'nonCashReleasingPence', recurrent: 'recurrentPence', 'non-recurrent': 'nonRecurrentPence' };
      const splits = (side: 'reported' | 'evidenced' | 'validated' | 'unclaimed') => Object.fromEntries(SPLITS.map((s) => [camel[s], f.pence(RK.split(side, s))]));
      const lines = basis.lines.map((l) => {
        const evidenced = book.value(RK.line(l.lineId, 'evidenced'));
        return {
          lineId: l.lineId, description: l.description, cashReleasing: l.cashReleasing, recurrent: l.recurrent,
          status: lineStatus(l.amountPence, evidenced),
          reportedPence: f.pence(RK.line(l.lineId, 'reported')), evidencedPence: f.pence(RK.line(l.lineId, 'evidenced')), variancePence: f.pence(RK.line(l.lineId, 'variance')),
          benefits: l.links.map((x) => ({ interventionId: x.interventionId, benefitId: x.benefitId, benefitType: x.benefit.benefit_type, recurrence: x.benefit.recurrence,
            linkedPence: f.pence(RK.lineBenefit(l.lineId, x.interventionId, x.benefitId)) })),
        };
      });
      const signer = basis.signOff ? eventsAt(db, [basis.signOff.position])[0] : null;
      return {
        query: 'reconciliation', organisationId: p.organisationId, name: organisation.name, financialYear: p.financialYear, ...basisOf(p.cutoff),
        report: {
          version: basis.report.version, statedTotalPence: basis.report.totalPence, source: basis.report.source, recordedAt: basis.report.recordedAt,
          signedOff: basis.signOff && signer ? {
            version: basis.signOff.version, reportedPence: basis.signOff.reportedPence, evidencedPence: basis.signOff.evidencedPence, note: basis.signOff.note,
            recordedAt: basis.signOff.recordedAt, by: { userId: signer.actor_user_id, organisationId: signer.actor_organisation_id, role: signer.actor_role },
          } : null,
        },
        lines,
        byStatus: Object.fromEntries((['evidenced', 'partly-evidenced', 'unevidenced'] as const).map((s) => [s, lines.filter((l) => l.status === s).length])),
        unclaimedBenefits: basis.benefits.filter((b) => b.benefit.validated_value_pence > b.linkedPence).map(({ benefit: b, linkedPence }) => ({
          interventionId: b.intervention_id, benefitId: b.benefit_id, benefitType: b.benefit_type, recurrence: b.recurrence,
          validatedPence: b.validated_value_pence, linkedPence, unclaimedPence: f.pence(RK.unclaimed(b.intervention_id, b.benefit_id)),
        })),
        totals: {
          reportedPence: f.pence(RK.total('reported')), evidencedPence: f.pence(RK.total('evidenced')), variancePence: f.pence(RK.total('variance')),
          validatedLandedPence: f.pence(RK.total('validated')), unclaimedPence: f.pence(RK.total('unclaimed')),
        },
        splits: { reported: splits('reported'), evidenced: splits('evidenced'), validatedLanded: splits('validated'), unclaimed: splits('unclaimed') },
      };
    });
  }

  /** Decodes a figure reference (400 if it is not one). */
  decode(text: string): FigureRef {
    return decodeFigureRef(text);
  }

  /** Every event behind one figure, with the arithmetic from them to the figure. */
  trace(ref: FigureRef) {
    return this.readModels.read((db) => {
      const book = new FigureBook(true);
      const cutoff = cutoffFrom(ref.params);
      const str = (name: string) => (typeof ref.params[name] === 'string' ? (ref.params[name] as string) : null);
      switch (ref.query) {
        case 'system-flows': {
          const p = { financialYear: str('financialYear'), cutoff };
          computeSystemFlows(db, p, book, systemFlowsScope(db, p, ref.key));
          break;
        }
        case 'organisation-value':
          computeOrganisationValue(db, { organisationId: str('organisationId') ?? '', financialYear: str('financialYear'), cutoff }, book);
          break;
        case 'capacity':
          computeCapacity(db, { organisationId: str('organisationId'), resource: str('resource'), financialYear: str('financialYear'), cutoff }, book);
          break;
        case 'partnership-attribution':
          computeAttribution(db, { partnershipId: str('partnershipId') ?? '', financialYear: str('financialYear') ?? '', cutoff }, book);
          break;
        case 'reconciliation':
          computeReconciliation(db, { organisationId: str('organisationId') ?? '', financialYear: str('financialYear') ?? '', cutoff }, book);
          break;
      }
      const terms = book.termsOf(ref.key);
      const positions = terms.flatMap((t) => t.positions);
      return {
        figure: { query: ref.query, parameters: ref.params, key: JSON.parse(ref.key), value: book.value(ref.key) },
        arithmetic: { terms, total: terms.reduce((a, t) => a + t.amount, 0) },
        events: eventsAt(db, positions).map((e) => ({
          eventId: e.event_id, streamId: e.stream_id, revision: e.revision, position: e.position, hash: e.hash, type: e.type,
          actor: { userId: e.actor_user_id, organisationId: e.actor_organisation_id, role: e.actor_role },
          recordedAt: e.recorded_at, correlationId: e.correlation_id, source: e.source_json ? JSON.parse(e.source_json) : null,
        })),
      };
    });
  }
}
