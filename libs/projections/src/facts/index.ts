import { RecordedEvent } from '@benefit-ledger/event-store';
import { Fact, StreamFacts } from './fact';
import { financeReportFacts } from './finance-report.facts';
import { interventionFacts } from './intervention.facts';
import { organisationFacts } from './organisation.facts';
import { partnershipFacts } from './partnership.facts';

export * from './fact';

/** Which facts each kind of stream contributes, by stream-id prefix. A new kind of stream adds one line. */
const STREAM_FACTS: [prefix: string, facts: StreamFacts][] = [
  ['organisation-', organisationFacts],
  ['intervention-', interventionFacts],
  ['partnership-', partnershipFacts],
  ['finance-report-', financeReportFacts],
];

/**
 * The projection's fold step, pure: one recorded event -> the rows it adds to the read models.
 * Every event also leaves a provenance row (events_seen). Unknown streams and event types add provenance only.
 */
export function factsOf(event: RecordedEvent): Fact[] {
  const at = { position: event.position, recorded_at: event.metadata.recordedAt };
  const source = (event.data as { source?: unknown }).source;
  const facts: Fact[] = [{
    table: 'events_seen',
    row: {
      position: event.position, event_id: event.eventId, stream_id: event.streamId, revision: event.revision, type: event.type,
      hash: event.metadata.hash, actor_user_id: event.metadata.actor.userId, actor_organisation_id: event.metadata.actor.organisationId,
      actor_role: event.metadata.actor.role, recorded_at: event.metadata.recordedAt, correlation_id: event.metadata.correlationId,
      source_json: source === undefined ? null : JSON.stringify(source),
    },
  }];
  const kind = STREAM_FACTS.find(([prefix]) => event.streamId.startsWith(prefix));
  if (kind) {
    const [prefix, streamFacts] = kind;
    streamFacts(event, event.streamId.slice(prefix.length), (table, row) => facts.push({ table, row }), at);
  }
  return facts;
}
