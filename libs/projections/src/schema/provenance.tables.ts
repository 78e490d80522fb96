import type { TableSpec } from '../read-model-schema';

/** Each event's provenance, and the events the figures could not fold. (read-model-schema.ts: what a spec means.) */
export const PROVENANCE_TABLES = {
  /**
   * Every projected event, for provenance: what /trace shows about an event. `known_at` is the latest recordedAt
   * up to this position: the log as known at an instant T is the prefix whose known_at <= T.
   */
  events_seen: {
    columns: [
      'position INTEGER',
      'event_id TEXT',
      'stream_id TEXT',
      'revision INTEGER',
      'type TEXT',
      'hash TEXT',
      'actor_user_id TEXT',
      'actor_organisation_id TEXT',
      'actor_role TEXT',
      'recorded_at TEXT',
      'known_at TEXT',
      'correlation_id TEXT',
      'source_json TEXT?',
    ],
    primaryKey: ['position'],
    indexes: [['known_at', 'position']],
    file: 'provenance',
  },
  /**
   * Events the figures could not fold (a money figure beyond the ceiling per figure, written before the ceiling was
   * enforced; or any other fault in its facts): none of their facts are in the figures, each is named here by position
   * with the reason, and the rest of the ledger still answers. Joins the digest only when it holds a row.
   */
  unfolded_events: {
    columns: ['position INTEGER', 'stream_id TEXT', 'type TEXT', 'reason TEXT', 'recorded_at TEXT'],
    primaryKey: ['position'],
    digestOnlyWhenNotEmpty: true,
  },
} satisfies Record<string, TableSpec>;
