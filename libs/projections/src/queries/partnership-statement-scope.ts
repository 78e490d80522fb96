import Database from 'better-sqlite3';
import { Cutoff, cutoffParams, within } from './query-basis';

/**
 * Which partnership statements a change can touch (for the Kafka relay's value statements): the partnerships
 * enrolling an intervention, and the financial years in which a partnership has figures.
 */

/** Partnerships that have enrolled any of these interventions (within the cutoff), in id order. */
export function partnershipsEnrolling(
  db: Database.Database,
  interventionIds: readonly string[],
  cutoff: Cutoff,
): string[] {
  if (interventionIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT DISTINCT e.partnership_id FROM partnership_enrolments e
    WHERE e.intervention_id IN (SELECT value FROM json_each(@ids)) AND ${within('e')} ORDER BY e.partnership_id`,
    )
    .all({ ...cutoffParams(cutoff), ids: JSON.stringify(interventionIds) }) as { partnership_id: string }[];
  return rows.map((r) => r.partnership_id);
}

/**
 * The financial years in which a partnership has attribution figures (within the cutoff): years of validated
 * benefits of its enrolled interventions and years of its own costs, from the first year an agreement is in
 * force. Earlier years have no agreement, so no statement. In year order.
 */
export function partnershipStatementYears(db: Database.Database, partnershipId: string, cutoff: Cutoff): string[] {
  const rows = db
    .prepare(
      `
    WITH first_agreement AS (
      SELECT MIN(a.effective_from) AS year FROM partnership_agreements a WHERE a.partnership_id = @id AND ${within('a')}
    ), years AS (
      SELECT b.financial_year AS year
        FROM partnership_enrolments e
        JOIN benefit_decisions d ON d.intervention_id = e.intervention_id AND d.decision = 'validated' AND ${within('d')}
        JOIN benefits b ON b.intervention_id = d.intervention_id AND b.benefit_id = d.benefit_id AND ${within('b')}
       WHERE e.partnership_id = @id AND ${within('e')}
      UNION
      SELECT c.financial_year FROM partnership_costs c WHERE c.partnership_id = @id AND ${within('c')}
    )
    SELECT years.year FROM years, first_agreement WHERE first_agreement.year IS NOT NULL AND years.year >= first_agreement.year
     ORDER BY years.year`,
    )
    .all({ ...cutoffParams(cutoff), id: partnershipId }) as { year: string }[];
  return rows.map((r) => r.year);
}
