import Database from 'better-sqlite3';
import { BenefitStateRow, benefitStatesSql } from './benefit-states';
import { Cutoff, cutoffParams } from './query-basis';
import { SortOrder } from './intervention-portfolio';

/**
 * Benefits as they stood at the cutoff (GET /benefits; with status 'claimed', finance's validation queue): those of
 * interventions an organisation leads or landing at it (or every one), filtered by status, year and intervention,
 * in the order they were claimed.
 */
export interface BenefitListParams {
  cutoff: Cutoff;
  /** Benefits of interventions this organisation leads, or that land at it; null: every benefit. */
  organisationId: string | null;
  interventionId: string | null;
  status: 'claimed' | 'validated' | 'rejected' | null;
  financialYear: string | null;
  order: SortOrder;
  offset: number;
  limit: number;
}

export interface BenefitListRow extends BenefitStateRow {
  intervention_title: string | null;
  lead_organisation_id: string | null;
}

/** Where the benefits come from, as the body of a FROM clause aliasing them `b`: by organisation, both ways in, each benefit once. */
function sourceOf(params: BenefitListParams): { source: string; where: string[] } {
  const where: string[] = [];
  if (params.interventionId) where.push('b.intervention_id = @interventionId');
  if (params.financialYear) where.push('b.financial_year = @financialYear');
  if (params.organisationId) {
    // landing here, or led from here: two index reads, united by rowid (an OR across the two tables would read every benefit)
    const scope = `(SELECT l.rowid AS rid FROM benefits l INDEXED BY benefits_landing_organisation_id_financial_year_position_benefit_type_value_pence_intervention_id_benefit_id WHERE l.landing_organisation_id = @organisationId
      UNION SELECT lb.rowid FROM interventions li INDEXED BY interventions_lead_organisation_id CROSS JOIN benefits lb INDEXED BY benefits_key
        ON lb.intervention_id = li.intervention_id WHERE li.lead_organisation_id = @organisationId)`;
    return { source: `${scope} scope CROSS JOIN benefits b ON b.rowid = scope.rid`, where };
  }
  return { source: params.interventionId ? 'benefits b INDEXED BY benefits_key' : 'benefits b', where };
}

/** One page of benefits and how many the filters select (two statements). */
export function benefitPage(
  db: Database.Database,
  query: BenefitListParams,
): { total: number; rows: BenefitListRow[] } {
  const { source, where } = sourceOf(query);
  const states = benefitStatesSql(source, where);
  const status =
    query.status === null ? '' : query.status === 'claimed' ? 'WHERE s.decision IS NULL' : 'WHERE s.decision = @status';
  const params = {
    ...cutoffParams(query.cutoff),
    organisationId: query.organisationId,
    interventionId: query.interventionId,
    financialYear: query.financialYear,
    status: query.status,
  };
  const total = db.prepare(`SELECT COUNT(*) FROM ${states} s ${status}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `SELECT s.*, i.title AS intervention_title, i.lead_organisation_id FROM ${states} s
      LEFT JOIN interventions i INDEXED BY interventions_key ON i.intervention_id = s.intervention_id ${status}
     ORDER BY s.claim_position ${query.order} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.limit, offset: query.offset }) as BenefitListRow[];
  return { total, rows };
}
