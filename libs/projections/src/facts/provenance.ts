import { RecordedEvent } from '@benefit-ledger/event-store';
import { Fact } from './fact';
import { METADATA_ONCE_SQL, keysOnceSql, orNoteForFold } from './keys-once-sql';

/**
 * An event's provenance row (events_seen): who recorded what, where, its hash and data source, and `knownAt`,
 * the latest recordedAt of the log up to and including this event (as-at cutoffs use it). `sourceJson` is the
 * data's `source` as JSON text, rendered by SQLite's `->` (SOURCE_JSON_SQL), so that a row made here from a parsed
 * event and one made by PROVENANCE_FROM_SQLITE_LOG from the stored JSON are the same bytes.
 */
export function provenanceOf(event: RecordedEvent, knownAt: string, sourceJson: string | null): Fact {
  const metadata = event.metadata;
  return {
    table: 'events_seen',
    row: {
      position: event.position,
      event_id: event.eventId,
      stream_id: event.streamId,
      revision: event.revision,
      type: event.type,
      hash: metadata.hash,
      actor_user_id: metadata.actor.userId,
      actor_organisation_id: metadata.actor.organisationId,
      actor_role: metadata.actor.role,
      recorded_at: metadata.recordedAt,
      known_at: knownAt,
      correlation_id: metadata.correlationId,
      source_json: sourceJson,
    },
  };
}

/** The `source` of an event's data (its JSON text as the parameter), rendered by SQLite. */
export const SOURCE_JSON_SQL = "SELECT ? -> '$.source'";

/**
 * The same rows as provenanceOf, for every event of an embedded SQLite log (attached as `log`) up to `@upTo`,
 * made by SQLite alone: a rebuild fills the provenance file with this one statement, with no JavaScript per event.
 * Keep it in step with provenanceOf: the digest of a rebuild must equal the digest of live catch-up (tested). An event
 * whose stored JSON writes a key it reads twice is left to the fold (keys-once-sql.ts), and so are the known_at of the
 * events after it (BulkLoad.loadProvenanceFromSqliteLog). Every value is read in the inner query, where the check
 * reads the same JSON: the window then sorts only the values, not each event's text (and SQLite parses each once).
 */
export const PROVENANCE_FROM_SQLITE_LOG = `
INSERT INTO events_seen (position, event_id, stream_id, revision, type, hash, actor_user_id, actor_organisation_id, actor_role,
                         recorded_at, known_at, correlation_id, source_json)
SELECT position, event_id, stream_id, revision, type, hash, actor_user_id, actor_organisation_id, actor_role, recorded_at,
       MAX(recorded_at) OVER (ORDER BY position ROWS UNBOUNDED PRECEDING), correlation_id, source_json
  FROM (SELECT position, event_id, stream_id, revision, type,
               json_extract(metadata, '$.hash') AS hash, json_extract(metadata, '$.actor.userId') AS actor_user_id,
               json_extract(metadata, '$.actor.organisationId') AS actor_organisation_id, json_extract(metadata, '$.actor.role') AS actor_role,
               json_extract(metadata, '$.recordedAt') AS recorded_at, json_extract(metadata, '$.correlationId') AS correlation_id,
               data -> '$.source' AS source_json
          FROM log.events
         WHERE position <= @upTo AND ${orNoteForFold(`${METADATA_ONCE_SQL} AND ${keysOnceSql('data', ['source'])}`)})
 ORDER BY position`;
