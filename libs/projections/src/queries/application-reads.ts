import Database from 'better-sqlite3';

/**
 * The read models as an index for the application layer: lookups its commands and audit packs make, kept here
 * with the read models' other SQL rather than in the application.
 */

/** The partnerships an organisation is or was a member of, up to a log position, in id order. */
export function partnershipsOfMember(db: Database.Database, organisationId: string, upTo: number): string[] {
  const rows = db
    .prepare(
      'SELECT DISTINCT partnership_id AS id FROM partnership_members WHERE organisation_id = ? AND position <= ? ORDER BY 1',
    )
    .all(organisationId, upTo) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Whether an organisation had reported waste reduction for a financial year by a log position. */
export function hasFinanceReport(
  db: Database.Database,
  organisationId: string,
  financialYear: string,
  upTo: number,
): boolean {
  return (
    db
      .prepare(
        'SELECT 1 FROM finance_reports WHERE organisation_id = ? AND financial_year = ? AND position <= ? LIMIT 1',
      )
      .get(organisationId, financialYear, upTo) !== undefined
  );
}

/** The interventions (`id`) that claimed a benefit with each of these ids, in (benefit id, intervention id) order. */
export function benefitClaims(
  db: Database.Database,
  benefitIds: readonly string[],
): { benefitId: string; id: string }[] {
  return db
    .prepare(
      `SELECT DISTINCT benefit_id AS benefitId, intervention_id AS id FROM benefits
      WHERE benefit_id IN (SELECT value FROM json_each(?)) ORDER BY 1, 2`,
    )
    .all(JSON.stringify(benefitIds)) as { benefitId: string; id: string }[];
}

/**
 * The organisations whose partnership figures an intervention's value reaches: members (past and present) and
 * agreement share holders of every partnership it is enrolled in, in id order.
 */
export function attributionPartiesOfIntervention(db: Database.Database, interventionId: string): string[] {
  return db
    .prepare(
      `
      SELECT m.organisation_id FROM partnership_enrolments e JOIN partnership_members m ON m.partnership_id = e.partnership_id WHERE e.intervention_id = @id
      UNION
      SELECT s.organisation_id FROM partnership_enrolments e JOIN partnership_agreement_shares s ON s.partnership_id = e.partnership_id WHERE e.intervention_id = @id
      ORDER BY 1`,
    )
    .pluck()
    .all({ id: interventionId }) as string[];
}
