import { within } from './query-basis';

/**
 * Each claimed benefit as it stood at a cutoff: its value as last claimed or revised, and finance's decision if one
 * was recorded by then. One definition for the benefits list, the portfolio's claimed and rejected figures and their
 * traces, so that they agree to the penny.
 *
 * `source` names the benefits to read, as the body of a FROM clause whose benefits are aliased `b` (e.g.
 * `json_each(@ids) j CROSS JOIN benefits b ON b.intervention_id = j.value`); `where` adds conditions on `b`.
 * The SQL is a derived table with the columns of BenefitStateRow; parameters: @upTo and the caller's own.
 */
export function benefitStatesSql(source: string, where: readonly string[] = []): string {
  const same = (alias: string) =>
    `${alias}.intervention_id = b.intervention_id AND ${alias}.benefit_id = b.benefit_id AND ${within(alias)}`;
  // the latest revision's and decision's positions read back from the rows joined on them: naming x's columns again
  // would run their subqueries again for every row
  return `(SELECT x.intervention_id, x.benefit_id, x.benefit_type, x.lens, x.recurrence, x.financial_year, x.landing_organisation_id, x.description,
       x.claimed_value_pence, x.claim_position, x.claimed_at, rv.position AS revision_position, d.position AS decision_position,
       CASE WHEN rv.position IS NULL THEN x.claimed_value_pence ELSE rv.value_pence END AS value_pence,
       d.decision, d.validated_value_pence, d.note, d.recorded_at AS decided_at
  FROM (SELECT b.intervention_id, b.benefit_id, b.benefit_type, b.lens, b.recurrence, b.financial_year, b.landing_organisation_id, b.description,
               b.value_pence AS claimed_value_pence, b.position AS claim_position, b.recorded_at AS claimed_at,
               (SELECT MAX(r.position) FROM benefit_revisions r WHERE ${same('r')}) AS revision_position,
               (SELECT MAX(dd.position) FROM benefit_decisions dd WHERE ${same('dd')}) AS decision_position
          FROM ${source}
         WHERE ${[within('b'), ...where].join(' AND ')}) x
  LEFT JOIN benefit_revisions rv ON rv.position = x.revision_position
  LEFT JOIN benefit_decisions d ON d.position = x.decision_position)`;
}

/** One row of benefitStatesSql. `decision` null: still claimed, awaiting finance. */
export interface BenefitStateRow {
  intervention_id: string;
  benefit_id: string;
  benefit_type: string;
  lens: string;
  recurrence: string;
  financial_year: string;
  landing_organisation_id: string;
  description: string | null;
  claimed_value_pence: number | null;
  claim_position: number;
  claimed_at: string;
  revision_position: number | null;
  decision_position: number | null;
  value_pence: number | null;
  decision: 'validated' | 'rejected' | null;
  validated_value_pence: number | null;
  note: string | null;
  decided_at: string | null;
}

/** A benefit's status at the cutoff, from its decision. */
export const benefitStatus = (row: Pick<BenefitStateRow, 'decision'>): 'claimed' | 'validated' | 'rejected' =>
  row.decision ?? 'claimed';
