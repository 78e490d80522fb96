import {
  InterventionEvent,
  InterventionState,
  ValueContribution,
  VALUE_WAYS,
  fold,
  formatPounds,
  interventionDecider,
  interventionParties,
  interventionValueBasis,
  interventionValueKeys,
  notFound,
  returnPerPound,
} from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { FigureBook, Term } from './figure-book';
import { addInterventionLineFigures } from './intervention-lines';
import { Cutoff } from './query-basis';
import { recordedText } from '../required';

export interface InterventionValueParams {
  interventionId: string;
  financialYear: string | null;
  cutoff: Cutoff;
}

/** A figure's key in the book: the JSON of its key parts (interventionValueKeys). */
export const interventionValueKey = (parts: readonly string[]) => JSON.stringify(parts);

/**
 * An intervention's events up to the cutoff and its state folded from them (through the stream's upcasts): what its
 * value and its timeline both read. 404 when the intervention was not registered by the cutoff.
 */
export function interventionAt(
  streamEvents: readonly RecordedEvent[],
  params: { interventionId: string; cutoff: Cutoff },
): { events: RecordedEvent[]; state: InterventionState } {
  const events = streamEvents.filter((e) => e.position <= params.cutoff.upTo);
  const state = fold(
    interventionDecider,
    events.map((e) => ({ type: e.type, data: e.data }) as InterventionEvent),
  );
  if (!state.registered)
    throw notFound(
      'intervention-not-found',
      `intervention '${params.interventionId}' is not registered${params.cutoff.asAt ? ` as at ${params.cutoff.asAt}` : ''}`,
    );
  return { events, state };
}

export interface InterventionValueAt {
  state: InterventionState;
  basis: ReturnType<typeof interventionValueBasis>;
  /** The stream's revision at the cutoff. */
  revision: number;
  /** The organisations whose figures the intervention touches (its lead, cost bearers, landing organisations). */
  parties: string[];
}

/**
 * One intervention's value as at a cutoff, into a FigureBook: its stream's events up to the cutoff are folded (read
 * through their upcasts) and every contribution of interventionValueBasis is added to its figure, each term naming
 * the events it rests on (a cost; a benefit's claim, revisions and decision; with its capacity, every release,
 * harvest, cash release and reinvestment of it). Each ROI is a figure too: value ÷ costs, one term over both.
 * 404 when the intervention was not registered by the cutoff.
 */
export function computeInterventionValue(
  streamEvents: readonly RecordedEvent[],
  params: InterventionValueParams,
  book: FigureBook,
): InterventionValueAt {
  const { events, state } = interventionAt(streamEvents, params);
  const positions = positionsOf(events);
  const basis = interventionValueBasis(state, params.financialYear);
  const onPositions = (about: ValueContribution['about']): number[] =>
    'costId' in about
      ? (positions.costs.get(about.costId) ?? [])
      : [
          ...(positions.benefits.get(about.benefitId) ?? []),
          ...(about.releases ? positions.releasesOf(about.benefitId) : []),
        ];
  const used = new Map<string, number[]>();
  for (const contribution of basis.contributions) {
    const key = interventionValueKey(contribution.key);
    book.add(key, contribution.amount, () => ({
      note: contribution.note,
      amount: contribution.amount,
      positions: onPositions(contribution.about),
    }));
    if (book.withTerms) used.set(key, [...(used.get(key) ?? []), ...onPositions(contribution.about)]);
  }
  // each cost, claim, validation, cash release and reinvestment on its own too: a page shows every line as a traced figure
  addInterventionLineFigures(events, interventionValueKey, params.financialYear, book);
  const keys = interventionValueKeys;
  const total = book.value(interventionValueKey(keys.cost('total')));
  for (const way of VALUE_WAYS) {
    const value = book.value(interventionValueKey(keys.way(way)));
    const roi = returnPerPound(value, total);
    if (!roi) continue;
    book.add(interventionValueKey(keys.roi(way)), roi.pencePerPound, (): Term => ({
      note: `${formatPounds(value)} ${way} ÷ ${formatPounds(total)} costs (${basis.costsCounted}) = ${roi.perPound} (half up)`,
      amount: roi.pencePerPound,
      positions: [
        ...new Set([
          ...(used.get(interventionValueKey(keys.way(way))) ?? []),
          ...(used.get(interventionValueKey(keys.cost('total'))) ?? []),
        ]),
      ].sort((a, b) => a - b),
    }));
  }
  return { state, basis, revision: events.length - 1, parties: interventionParties(state) };
}

/** Where each thing recorded in an intervention's stream is in the log: a cost; a benefit's claim, revisions and decision; a release and its movements. */
function positionsOf(events: readonly RecordedEvent[]) {
  const costs = new Map<string, number[]>();
  const benefits = new Map<string, number[]>();
  const releases = new Map<string, { benefitId: string; positions: number[] }>();
  const push = (map: Map<string, number[]>, id: string, position: number) =>
    map.set(id, [...(map.get(id) ?? []), position]);
  for (const event of events) {
    const id = (field: string) => recordedText(event, field);
    switch (event.type) {
      case 'CostRecorded':
        push(costs, id('costId'), event.position);
        break;
      case 'BenefitClaimed':
      case 'BenefitRevised':
      case 'BenefitValidated':
      case 'BenefitRejected':
        push(benefits, id('benefitId'), event.position);
        break;
      case 'CapacityReleased':
        releases.set(id('releaseId'), { benefitId: id('benefitId'), positions: [event.position] });
        break;
      case 'CapacityHarvested':
      case 'CashReleased':
      case 'CapacityReinvested':
        releases.get(id('releaseId'))?.positions.push(event.position);
        break;
      default:
        break;
    }
  }
  return {
    costs,
    benefits,
    releasesOf: (benefitId: string) =>
      [...releases.values()].filter((r) => r.benefitId === benefitId).flatMap((r) => r.positions),
  };
}
