import { InterventionEvent, everyCaseHandled, formatPounds } from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { interventionLineKeys as L, recordedAmount } from './intervention-lines';
import { interventionAt, interventionValueKey } from './intervention-value';
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
  data: Data,
  resourceOf: (releaseId: string) => string,
): { headline: string; summary: string } {
  const pounds = (pence: number | null | undefined) => (typeof pence === 'number' ? formatPounds(pence) : 'not valued');
  const capitalised = (text: unknown) => `${String(text).charAt(0).toUpperCase()}${String(text).slice(1)}`;
  const quantity =
    typeof data.quantity === 'object' ? `${data.quantity.value} ${data.quantity.unit}` : `${data.quantity ?? ''}`;
  switch (type) {
    case 'InterventionRegistered':
      return {
        headline: 'Registered',
        summary: `Registered “${data.title}”, led by ${data.leadOrganisationId}${data.pathway ? `, on the ${data.pathway} pathway` : ''}.`,
      };
    case 'InterventionDecisionRecorded':
      return {
        headline: DECIDED[data.decision ?? ''] ?? `Decision: ${data.decision}`,
        summary: `${DECIDED[data.decision ?? ''] ?? data.decision} on ${data.decidedOn}: ${data.rationale}`,
      };
    case 'CostRecorded':
      return {
        headline: 'Cost recorded',
        summary: `${capitalised(data.category)} (${data.costType}, ${data.financialYear}) borne by ${data.bearerOrganisationId}: ${pounds(data.amountPence)}.`,
      };
    case 'MeasurementRecorded':
      return {
        headline: 'Measurement recorded',
        summary: `${capitalised(data.measure)}, ${data.kind}: ${data.value} ${data.unit}, ${data.period?.start} to ${data.period?.end}.`,
      };
    case 'BenefitClaimed':
      return {
        headline: 'Benefit claimed',
        summary: `${data.description} (${data.benefitId}; ${data.benefitType}, ${data.financialYear}): ${quantity}, ${pounds(data.valuePence)}, landing at ${data.landingOrganisationId}.`,
      };
    case 'BenefitRevised':
      return {
        headline: 'Claim revised',
        summary: `${data.benefitId} revised to ${quantity}, ${pounds(data.valuePence)}: ${data.reason}`,
      };
    case 'BenefitValidated':
      return {
        headline: 'Validated by finance',
        summary: `${data.benefitId} validated at ${pounds(data.validatedValuePence)}: “${data.note}”`,
      };
    case 'BenefitRejected':
      return { headline: 'Rejected by finance', summary: `${data.benefitId} rejected: “${data.reason}”` };
    case 'BenefitActualRecorded':
      return {
        headline: 'Actual recorded',
        summary: `${data.benefitId}: actual for ${data.financialYear}, ${quantity}, ${pounds(data.valuePence)}.`,
      };
    case 'CapacityReleased':
      return {
        headline: 'Capacity released',
        summary: `${quantity} ${data.resource} released from ${data.benefitId} (${data.releaseId}, ${data.financialYear}), landing at ${data.landingOrganisationId}.`,
      };
    case 'CapacityHarvested':
      return {
        headline: 'Capacity harvested',
        summary: `${quantity} ${resourceOf(data.releaseId ?? '')} of ${data.releaseId} ${HARVESTED[data.harvest ?? ''] ?? data.harvest}: ${data.rationale}`,
      };
    case 'CashReleased':
      return {
        headline: 'Cash released',
        summary: `${pounds(data.amountPence)} released from ${data.releaseId} (${data.budgetLine}).`,
      };
    case 'CapacityReinvested':
      return {
        headline: 'Capacity reinvested',
        summary: `${quantity} ${resourceOf(data.releaseId ?? '')} of ${data.releaseId} reinvested in ${data.into?.description} at ${data.into?.organisationId}, valued at ${pounds(data.valuePence)}.`,
      };
    case 'RestatementRecorded':
      return { headline: 'Closed year restated', summary: `${data.financialYear} restated: ${data.reason}` };
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
export function interventionTimeline(streamEvents: readonly RecordedEvent[], params: InterventionTimelineParams) {
  const { events, state } = interventionAt(streamEvents, params);
  const valueFigureMaker = figureMaker('intervention-value', {
    interventionId: params.interventionId,
    financialYear: null,
    ...cutoffParamsOf(params.cutoff),
  });
  const figure = (parts: readonly string[], pence: number) =>
    valueFigureMaker.pence(interventionValueKey(parts), pence);

  const resources = new Map<string, string>();
  const page = events.slice(params.offset, params.offset + params.limit);
  for (const event of events.slice(0, params.offset + params.limit)) {
    if (event.type === 'CapacityReleased') resources.set(String(event.data.releaseId), String(event.data.resource));
  }
  const items = page.map((event) => {
    const amount = recordedAmount(event.type, event.data);
    const actor = event.metadata.actor;
    const source = (event.data as Data).source;
    return {
      position: event.position,
      revision: event.revision,
      recordedAt: event.metadata.recordedAt,
      type: event.type,
      actor: { userId: actor.userId, organisationId: actor.organisationId, role: actor.role },
      ...describe(event.type as InterventionEvent['type'], event.data, (releaseId) => resources.get(releaseId) ?? ''),
      source:
        source && typeof source === 'object'
          ? (source as { system: string; reference: string; extractedOn?: string })
          : null,
      figure: amount ? figure(L.recorded(event.position), amount.pence) : null,
      hash: event.metadata.hash,
    };
  });

  return {
    interventionId: params.interventionId,
    title: state.title ?? '',
    status: state.status ?? 'registered',
    ...basisOf(params.cutoff),
    total: events.length,
    offset: params.offset,
    limit: params.limit,
    items,
    lines: {
      costs: [...state.costs.values()].map((c) => ({
        costId: c.costId,
        amountPence: figure(L.cost(c.costId), c.amountPence),
      })),
      benefits: [...state.benefits.values()].map((benefit) => ({
        benefitId: benefit.benefitId,
        claimedPence: figure(L.claimed(benefit.benefitId), benefit.valuePence),
        validatedPence:
          benefit.status === 'validated'
            ? figure(L.validated(benefit.benefitId), benefit.validatedValuePence ?? 0)
            : null,
      })),
      releases: [...state.releases.values()].map((release) => ({
        releaseId: release.releaseId,
        cashReleasedPence: figure(L.cashReleased(release.releaseId), release.cashReleasedPence),
        reinvestedValuePence: figure(
          L.reinvestedValue(release.releaseId),
          release.reinvestments.reduce((sum, x) => sum + (x.valuePence ?? 0), 0),
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
