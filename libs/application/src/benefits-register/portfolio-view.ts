import { Inject, Injectable } from '@nestjs/common';
import {
  BenefitActualRecorded,
  InterventionEvent,
  InterventionState,
  STREAM_PREFIXES,
  everyCaseHandled,
  interventionDecider,
  upcastInterventionEvent,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore, RecordedEvent, asStreamEvent } from '@benefit-ledger/event-store';

const STREAM_PREFIX = STREAM_PREFIXES.intervention;

/** A figure behind a claim that does not name where it came from: its event, by stream and revision. */
export interface UnsourcedFigure {
  eventType: string;
  streamId: string;
  revision: number;
  what: string;
}

/** One actual recorded against a benefit (plan against actual). */
export type RecordedActual = BenefitActualRecorded['data'] & { position: number };

/** Everything the portfolio reports need of one intervention, kept current from its stream. */
export interface InterventionPortfolioEntry {
  state: InterventionState;
  /** Costs and measurements recorded without a source (an intervention-wide figure behind every claim, or one measurement). */
  unsourcedCosts: UnsourcedFigure[];
  unsourcedMeasurements: Map<string, UnsourcedFigure>;
  /** Per benefit: its claim, revision and validation events without a source. */
  unsourcedByBenefit: Map<string, UnsourcedFigure[]>;
  /** Per benefit: the evidence its claim names (measurement ids). */
  evidence: Map<string, string[]>;
  actuals: Map<string, RecordedActual[]>;
}

/** A source names where a figure came from when it gives a system and a reference. */
const namesSource = (source: unknown): boolean => {
  const s = source as { system?: unknown; reference?: unknown } | null | undefined;
  return (
    !!s &&
    typeof s.system === 'string' &&
    s.system.trim() !== '' &&
    typeof s.reference === 'string' &&
    s.reference.trim() !== ''
  );
};

/**
 * Every intervention folded from the log, for the portfolio reports (quality, priorities, plan against actual, the
 * register file). It follows the log itself, reading only what is new since it last looked (as LedgerMoneyGuard
 * does), so a report costs one pass over the new events, not one over the whole log; the state of each stream is the
 * intervention decider's own fold (upcasts included), so a report reads claims exactly as the commands judge them.
 */
@Injectable()
export class PortfolioView {
  private readonly entries = new Map<string, InterventionPortfolioEntry>();
  private readUpTo = 0;
  private reading: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Every registered intervention, by id, as the log holds it now. */
  async interventions(): Promise<ReadonlyMap<string, InterventionPortfolioEntry>> {
    await this.catchUp();
    return this.entries;
  }

  /** One reader at a time; a failed read (the store unreachable) does not stop the next. */
  private catchUp(): Promise<void> {
    this.reading = this.reading
      .catch(() => undefined)
      .then(async () => {
        for await (const event of this.store.readAll({ after: this.readUpTo })) {
          if (event.streamId.startsWith(STREAM_PREFIX)) this.apply(event);
          this.readUpTo = event.position;
        }
      });
    return this.reading;
  }

  private apply(recorded: RecordedEvent): void {
    const interventionId = recorded.streamId.slice(STREAM_PREFIX.length);
    const entry: InterventionPortfolioEntry = this.entries.get(interventionId) ?? {
      state: interventionDecider.initialState,
      unsourcedCosts: [],
      unsourcedMeasurements: new Map(),
      unsourcedByBenefit: new Map(),
      evidence: new Map(),
      actuals: new Map(),
    };
    const event = upcastInterventionEvent(asStreamEvent<InterventionEvent>(recorded));
    entry.state = interventionDecider.evolve(entry.state, event);
    const data = event.data as { source?: unknown };
    const unsourced = (what: string): UnsourcedFigure => ({
      eventType: event.type,
      streamId: recorded.streamId,
      revision: recorded.revision,
      what,
    });
    switch (event.type) {
      case 'CostRecorded':
        if (!namesSource(data.source)) entry.unsourcedCosts.push(unsourced(`cost '${event.data.costId}'`));
        break;
      case 'MeasurementRecorded':
        if (!namesSource(data.source))
          entry.unsourcedMeasurements.set(
            event.data.measurementId,
            unsourced(`measurement '${event.data.measurementId}'`),
          );
        break;
      case 'BenefitClaimed':
        entry.evidence.set(event.data.benefitId, [...event.data.evidence]);
        if (!namesSource(data.source)) this.unsourcedOf(entry, event.data.benefitId).push(unsourced('the claim'));
        break;
      case 'BenefitRevised':
      case 'BenefitValidated':
        if (!namesSource(data.source))
          this.unsourcedOf(entry, event.data.benefitId).push(
            unsourced(event.type === 'BenefitRevised' ? 'a revision' : 'the validation'),
          );
        break;
      case 'BenefitActualRecorded': {
        const list = entry.actuals.get(event.data.benefitId) ?? [];
        entry.actuals.set(event.data.benefitId, [...list, { ...event.data, position: recorded.position }]);
        break;
      }
      // what the reports need of these is in the state the decider folds
      case 'InterventionRegistered':
      case 'InterventionDecisionRecorded':
      case 'BenefitRejected':
      case 'CapacityReleased':
      case 'CapacityHarvested':
      case 'CashReleased':
      case 'CapacityReinvested':
      case 'RestatementRecorded':
        break;
      default:
        everyCaseHandled(event);
    }
    this.entries.set(interventionId, entry);
  }

  private unsourcedOf(entry: InterventionPortfolioEntry, benefitId: string): UnsourcedFigure[] {
    const list = entry.unsourcedByBenefit.get(benefitId) ?? [];
    entry.unsourcedByBenefit.set(benefitId, list);
    return list;
  }
}

/** The figures behind one claim that name no source: its intervention's costs, its evidence, and its own claim, revisions and validation. */
export function unsourcedBehind(entry: InterventionPortfolioEntry, benefitId: string): UnsourcedFigure[] {
  const evidence = (entry.evidence.get(benefitId) ?? []).flatMap((id) => {
    const figure = entry.unsourcedMeasurements.get(id);
    return figure ? [figure] : [];
  });
  return [...entry.unsourcedCosts, ...evidence, ...(entry.unsourcedByBenefit.get(benefitId) ?? [])];
}
