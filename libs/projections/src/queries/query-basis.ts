import Database from 'better-sqlite3';

/**
 * What a query answers from: the prefix of the log up to position `upTo`. With `asAt`, that prefix is the log as
 * known at the instant: every event up to the last one before an event recorded after the instant (positionAt).
 * Without it, answers are pinned to the last position applied when the query ran, so a figure's reference still
 * traces the same figure after more events arrive.
 */
export interface Cutoff {
  asAt: string | null;
  upTo: number;
}

/** Named SQL parameters for the conditions below. */
export const cutoffParams = (c: Cutoff) => ({ upTo: c.upTo });

/** The SQL condition for a fact table's alias: the fact's event is in the prefix. */
export const within = (alias: string) => `${alias}.position <= @upTo`;

/** The SQL condition for a versioned row (flow_parts): the version in force at the end of the prefix. */
export const validAt = (alias: string) =>
  `${alias}.valid_from <= @upTo AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > @upTo)`;

/** Normalises an ISO 8601 timestamp to the form recordedAt is stored in (toISOString, UTC, milliseconds). */
export function normaliseAsAt(value: string): string {
  return new Date(value).toISOString();
}

/**
 * The log as known at `asAt`: the last position whose known_at (the latest recordedAt so far) is not after it.
 * recordedAt is taken before an append, so two racing appends can land out of time order by a few milliseconds;
 * known_at makes the answer a prefix of the log all the same: exactly what had been recorded by then.
 */
export function positionAt(db: Database.Database, asAt: string): number {
  const row = db
    .prepare('SELECT position FROM events_seen WHERE known_at <= ? ORDER BY known_at DESC, position DESC LIMIT 1')
    .get(asAt) as { position: number } | undefined;
  return row?.position ?? 0;
}
