import {
  InterventionEvent,
  everyCaseHandled,
  fold,
  formatPounds,
  interventionDecider,
  notFound,
} from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { interventionLineKeys as L, recordedAmount } from './intervention-lines';
import { interventionValueKey } from './intervention-value';
import { Cutoff } from './query-basis';
import { basisOf, cutoffParamsOf, figureMaker } from './read-model-queries';

export interface InterventionTimelineParams {
  interventionId: string;
  cutoff: Cutoff;
  offset: number;
  limit: number;
}

type Data = Record<string, unknown> & {
  title?: string;
  leadOrganisationId?: string;
  pathway?: string | null;
  decision?: string;
  rationale?: string;
  decidedOn?: string;
  costType?: string;
  category?: string;
  financialYear?: string;
  bearerOrganisationId?: string;
  amountPence?: number;
  measure?: string;
  kind?: string;
  value?: number;
  unit?: string;
  period?: { start: string; end: string };
  benefitId?: string;
  benefitType?: string;
  description?: string;
  quantity?: number | { value: number; unit: string };
  valuePence?: number | null;
  landingOrganisationId?: string;
  reason?: string;
  validatedValuePence?: number;
  note?: string;
  releaseId?: string;
  resource?: string;
  harvest?: string;
  budgetLine?: string;
  into?: { description: string; organisationId: string };
  source?: unknown;
};

const DECIDED: Record<string, string> = {
  approve: 'Approved',
  start: 'Started',
  scale: 'Scaled up',
  spread: 'Spread',
  pause: 'Paused',
  stop: 'Stopped',
  close: 'Closed',
};
const HARVESTED: Record<string, string> = {
  'cash-release': 'harvested as cash',
  reinvest: 'harvested for reinvestment',
  unharvested: 'left unharvested',
};

/**
 * A short heading and a sentence in plain words for one event of an intervention's stream: one case per type of the
 * union, so a new intervention event does not compile without its sentence.
 */
function describe(
  type: InterventionEvent['type'],
  d: Data,
  resourceOf: (releaseId: string) => string,
): { headline: string; summary: string } {
  const pounds = (pence: number | null | undefined) => (typeof pence === 'number' ? formatPounds(pence) : 'not valued');
  const capitalised = (text: unknown) => `${String(text).charAt(0).toUpperCase()}${String(text).slice(1)}`;
  const quantity = typeof d.quantity === 'object' ? `${d.quantity.value} ${d.quantity.unit}` : `${d.quantity ?? ''}`;
  switch (type) {
    case 'InterventionRegistered':
      return {
        headline: 'Registered',
        summary: `Registered “${d.title}”, led by ${d.leadOrganisationId}${d.pathway ? `, on the ${d.pathway} pathway` : ''}.`,
      };
    case 'InterventionDecisionRecorded':
      return {
        headline: DECIDED[d.decision ?? ''] ?? `Decision: ${d.decision}`,
        summary: `${DECIDED[d.decision ?? ''] ?? d.decision} on ${d.decidedOn}: ${d.rationale}`,
      };
    case 'CostRecorded':
      return {
        headline: 'Cost recorded',
        summary: `${capitalised(d.category)} (${d.costType}, ${d.financialYear}) borne by ${d.bearerOrganisationId}: ${pounds(d.amountPence)}.`,
      };
    case 'MeasurementRecorded':
      return {
        headline: 'Measurement recorded',
        summary: `${capitalised(d.measure)}, ${d.kind}: ${d.value} ${d.unit}, ${d.period?.start} to ${d.period?.end}.`,
      };
    case 'BenefitClaimed':
      return {
        headline: 'Benefit claimed',
        summary: `${d.description} (${d.benefitId}; ${d.benefitType}, ${d.financialYear}): ${quantity}, ${pounds(d.valuePence)}, landing at ${d.landingOrganisationId}.`,
      };
    case 'BenefitRevised':
      return {
        headline: 'Claim revised',
        summary: `${d.benefitId} revised to ${quantity}, ${pounds(d.valuePence)}: ${d.reason}`,
      };
    case 'BenefitValidated':
      return {
        headline: 'Validated by finance',
        summary: `${d.benefitId} validated at ${pounds(d.validatedValuePence)}: “${d.note}”`,
      };
    case 'BenefitRejected':
      return { headline: 'Rejected by finance', summary: `${d.benefitId} rejected: “${d.reason}”` };
    case 'BenefitActualRecorded':
      return {
        headline: 'Actual recorded',
        summary: `${d.benefitId}: actual for ${d.financialYear}, ${quantity}, ${pounds(d.valuePence)}.`,
      };
    case 'CapacityReleased':
      return {
        headline: 'Capacity released',
        summary: `${quantity} ${d.resource} released from ${d.benefitId} (${d.releaseId}, ${d.financialYear}), landing at ${d.landingOrganisationId}.`,
      };
    case 'CapacityHarvested':
      return {
        headline: 'Capacity harvested',
        summary: `${quantity} ${resourceOf(d.releaseId ?? '')} of ${d.releaseId} ${HARVESTED[d.harvest ?? ''] ?? d.harvest}: ${d.rationale}`,
      };
    case 'CashReleased':
      return {
        headline: 'Cash released',
        summary: `${pounds(d.amountPence)} released from ${d.releaseId} (${d.budgetLine}).`,
      };
    case 'CapacityReinvested':
      return {
        headline: 'Capacity reinvested',
        summary: `${quantity} ${resourceOf(d.releaseId ?? '')} of ${d.releaseId} reinvested in ${d.into?.description} at ${d.into?.organisationId}, valued at ${pounds(d.valuePence)}.`,
      };
    case 'RestatementRecorded':
      return { headline: 'Closed year restated', summary: `${d.financialYear} restated: ${d.reason}` };
    default:
      // a stored type the union does not have (an older or newer writer) is named as it is
      everyCaseHandled(type);
      return { headline: String(type), summary: String(type) };
  }
}

/**
 * An intervention's decisions in the order they were recorded, as at a cutoff: every event of its stream with its
 * place in the log, when and by whom, in plain words, with its data source and, for an event that records an amount,
 * that amount as a figure /trace accepts (a figure of the intervention's value: its key `recorded`). Beside the page,
 * the single lines as they stand at the cutoff (each cost, each benefit's claimed and validated value, each release's
 * cash and reinvested value, the validated value landing at each organisation), each a traced figure. 404 when the intervention was not registered by the cutoff.
 */
export function interventionTimeline(streamEvents: readonly RecordedEvent[], p: InterventionTimelineParams) {
  const events = streamEvents.filter((e) => e.position <= p.cutoff.upTo);
  const state = fold(
    interventionDecider,
    events.map((e) => ({ type: e.type, data: e.data }) as InterventionEvent),
  );
  if (!state.registered)
    throw notFound(
      'intervention-not-found',
      `intervention '${p.interventionId}' is not registered${p.cutoff.asAt ? ` as at ${p.cutoff.asAt}` : ''}`,
    );
  const f = figureMaker('intervention-value', {
    interventionId: p.interventionId,
    financialYear: null,
    ...cutoffParamsOf(p.cutoff),
  });
  const figure = (parts: readonly string[], pence: number) => f.pence(interventionValueKey(parts), pence);

  const resources = new Map<string, string>();
  const page = events.slice(p.offset, p.offset + p.limit);
  for (const e of events.slice(0, p.offset + p.limit)) {
    if (e.type === 'CapacityReleased') resources.set(String(e.data.releaseId), String(e.data.resource));
  }
  const items = page.map((e) => {
    const amount = recordedAmount(e.type, e.data);
    const actor = e.metadata.actor;
    const source = (e.data as Data).source;
    return {
      position: e.position,
      revision: e.revision,
      recordedAt: e.metadata.recordedAt,
      type: e.type,
      actor: { userId: actor.userId, organisationId: actor.organisationId, role: actor.role },
      ...describe(e.type as InterventionEvent['type'], e.data, (releaseId) => resources.get(releaseId) ?? ''),
      source:
        source && typeof source === 'object'
          ? (source as { system: string; reference: string; extractedOn?: string })
          : null,
      figure: amount ? figure(L.recorded(e.position), amount.pence) : null,
      hash: e.metadata.hash,
    };
  });

  return {
    interventionId: p.interventionId,
    title: state.title ?? '',
    status: state.status ?? 'registered',
    ...basisOf(p.cutoff),
    total: events.length,
    offset: p.offset,
    limit: p.limit,
    items,
    lines: {
      costs: state.costs.map((c) => ({ costId: c.costId, amountPence: figure(L.cost(c.costId), c.amountPence) })),
      benefits: [...state.benefits.values()].map((b) => ({
        benefitId: b.benefitId,
        claimedPence: figure(L.claimed(b.benefitId), b.valuePence),
        validatedPence: b.status === 'validated' ? figure(L.validated(b.benefitId), b.validatedValuePence ?? 0) : null,
      })),
      releases: [...state.releases.values()].map((r) => ({
        releaseId: r.releaseId,
        cashReleasedPence: figure(L.cashReleased(r.releaseId), r.cashReleasedPence),
        reinvestedValuePence: figure(
          L.reinvestedValue(r.releaseId),
          r.reinvestments.reduce((sum, x) => sum + (x.valuePence ?? 0), 0),
        ),
      })),
      landings: [
        ...new Set(
          [...state.benefits.values()].filter((b) => b.status === 'validated').map((b) => b.landingOrganisationId),
        ),
      ]
        .sort()
        .map((organisationId) => ({
          organisationId,
          validatedPence: figure(
            L.landsAt(organisationId),
            [...state.benefits.values()]
              .filter((b) => b.status === 'validated' && b.landingOrganisationId === organisationId)
              .reduce((sum, b) => sum + (b.validatedValuePence ?? 0), 0),
          ),
        })),
    },
  };
}
