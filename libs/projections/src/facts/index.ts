import { RecordedEvent } from '@benefit-ledger/event-store';
import { AddFact, EventFacts, Fact, StreamFacts } from './fact';
import { financeReportFacts } from './finance-report.facts';
import { interventionFacts } from './intervention.facts';
import { organisationFacts } from './organisation.facts';
import { partnershipFacts } from './partnership.facts';
import { periodFacts, restatementFacts } from './period.facts';

export * from './fact';
export * from './provenance';

/** Which facts each kind of stream contributes, by stream-id prefix. A new kind of stream adds one line. */
const STREAM_FACTS: [prefix: string, facts: StreamFacts][] = [
  ['organisation-', organisationFacts],
  ['intervention-', interventionFacts],
  ['partnership-', partnershipFacts],
  ['period-', periodFacts],
  ['finance-report-', financeReportFacts],
];

/** Facts of event types that may be recorded on several kinds of stream. */
const EVENT_FACTS: [type: string, facts: EventFacts][] = [
  ['RestatementRecorded', restatementFacts],
];

/** Event types that add no figure facts (their events still get a provenance row): a rebuild of the figures skips reading them. */
export const FACT_FREE_TYPES: readonly string[] = ['InterventionDecisionRecorded', 'MeasurementRecorded', 'BenefitRevised', 'IdempotentResponseRecorded'];

/**
 * The projection's fold step, pure: one recorded event -> the rows it adds to the figures' read models.
 * Unknown streams and event types add none.
 */
export function figureFactsOf(event: RecordedEvent): Fact[] {
  const facts: Fact[] = [];
  const add: AddFact = (table, row) => facts.push({ table, row });
  const at = { position: event.position, recorded_at: event.metadata.recordedAt };
  const kind = STREAM_FACTS.find(([prefix]) => event.streamId.startsWith(prefix));
  if (kind) {
    const [prefix, streamFacts] = kind;
    streamFacts(event, event.streamId.slice(prefix.length), add, at);
  }
  for (const [type, eventFacts] of EVENT_FACTS) if (event.type === type) eventFacts(event, add, at);
  return facts;
}


