/**
 * What a query answers from. `asAt`: only events recorded at or before that instant (exact, reproducible).
 * Without it, answers are pinned to `upTo`, the last log position applied when the query ran, so a figure's
 * reference still traces the same figure after more events arrive.
 */
export interface Cutoff {
  asAt: string | null;
  upTo: number | null;
}

const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/** Named SQL parameters for `recorded_at <= @asAt AND position <= @upTo`. */
export const cutoffParams = (c: Cutoff) => ({ asAt: c.asAt ?? END_OF_TIME, upTo: c.upTo ?? Number.MAX_SAFE_INTEGER });

/** The SQL condition for one table alias. */
export const within = (alias: string) => `${alias}.recorded_at <= @asAt AND ${alias}.position <= @upTo`;

/** Normalises an ISO 8601 timestamp to the form recordedAt is stored in (toISOString, UTC, milliseconds). */
export function normaliseAsAt(value: string): string {
  return new Date(value).toISOString();
}
