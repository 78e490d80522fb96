import Database from 'better-sqlite3';
import { PeriodScope, scopeCovers } from '@benefit-ledger/domain';

/** A close of a financial year as the read models hold it. `organisationId` null: closed for the whole system. */
export interface PeriodCloseRow {
  position: number;
  financialYear: string;
  organisationId: string | null;
  closedAt: string;
  sealPosition: number;
  sealRoot: string;
  streamCount: number;
}

export interface RestatementRow {
  position: number;
  streamId: string;
  revision: number;
  financialYear: string;
  reason: string;
  closes: unknown[];
  organisationIds: string[];
  changes: { eventId: string; type: string }[];
  actor: { userId: string; role: string };
  recordedAt: string;
}

/** The closes of a year applied up to a position, in the order they were recorded. */
export function periodCloses(db: Database.Database, financialYear: string, upTo: number): PeriodCloseRow[] {
  return db
    .prepare(
      `SELECT position, financial_year AS financialYear, scope_organisation_id AS organisationId, closed_at AS closedAt,
      seal_position AS sealPosition, seal_root AS sealRoot, stream_count AS streamCount
    FROM period_closes WHERE financial_year = ? AND position <= ? ORDER BY position`,
    )
    .all(financialYear, upTo) as PeriodCloseRow[];
}

/** A close's scope as the PeriodClosed event gave it (period_closes keeps the system's as a null organisation). */
const scopeOf = (close: PeriodCloseRow): PeriodScope =>
  close.organisationId === null ? 'system' : { organisationId: close.organisationId };

/**
 * The close that fixed a report's figures: for one organisation's figures the first close covering it (its own
 * or the whole system's); for figures of the whole system (or a partnership) the system's close.
 */
export function applicableClose(
  closes: readonly PeriodCloseRow[],
  organisationId: string | readonly string[] | null,
): PeriodCloseRow | undefined {
  // the domain's rule of what a close covers; figures of no one organisation: only the system's close covers them;
  // several organisations' figures (an intervention's): a close covering any of them
  const organisationIds =
    organisationId === null ? [] : typeof organisationId === 'string' ? [organisationId] : organisationId;
  return closes.find((c) => scopeCovers(scopeOf(c), organisationIds));
}

/** A close as answers show it: scope (`system` or the organisation), when, the PeriodClosed's position and the seal. */
export const describeClose = (close: PeriodCloseRow) => ({
  scope: scopeOf(close),
  closedAt: close.closedAt,
  position: close.position,
  seal: { position: close.sealPosition, streamCount: close.streamCount, root: close.sealRoot },
});

/** The restatements of a year up to a position; with an organisation, only those changing its figures. */
export function restatements(
  db: Database.Database,
  financialYear: string,
  upTo: number,
  organisationId: string | null = null,
): RestatementRow[] {
  const rows = db
    .prepare(`SELECT * FROM restatements WHERE financial_year = ? AND position <= ? ORDER BY position`)
    .all(financialYear, upTo) as {
    position: number;
    stream_id: string;
    revision: number;
    financial_year: string;
    reason: string;
    closes_json: string;
    organisation_ids_json: string;
    changes_json: string;
    actor_user_id: string;
    actor_role: string;
    recorded_at: string;
  }[];
  return rows
    .map((row) => ({
      position: row.position,
      streamId: row.stream_id,
      revision: row.revision,
      financialYear: row.financial_year,
      reason: row.reason,
      closes: JSON.parse(row.closes_json) as RestatementRow['closes'],
      organisationIds: JSON.parse(row.organisation_ids_json) as string[],
      changes: JSON.parse(row.changes_json) as RestatementRow['changes'],
      actor: { userId: row.actor_user_id, role: row.actor_role },
      recordedAt: row.recorded_at,
    }))
    .filter((r) => organisationId === null || r.organisationIds.includes(organisationId));
}
