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
function sourceOf(p: BenefitListParams): { source: string; where: string[] } {
  const where: string[] = [];
  if (p.interventionId) where.push('b.intervention_id = @interventionId');
  if (p.financialYear) where.push('b.financial_year = @financialYear');
  if (p.organisationId) {
    // landing here, or led from here: two index reads, united by rowid (an OR across the two tables would read every benefit)
    const scope = `(SELECT l.rowid AS rid FROM benefits l INDEXED BY benefits_landing_organisation_id WHERE l.landing_organisation_id = @organisationId
      UNION SELECT lb.rowid FROM interventions li INDEXED BY interventions_lead_organisation_id CROSS JOIN benefits lb INDEXED BY benefits_key
        ON lb.intervention_id = li.intervention_id WHERE li.lead_organisation_id = @organisationId)`;
    return { source: `${scope} scope CROSS JOIN benefits b ON b.rowid = scope.rid`, where };
  }
  return { source: p.interventionId ? 'benefits b INDEXED BY benefits_key' : 'benefits b', where };
}

/** One page of benefits and how many the filters select (two statements). */
export function benefitPage(db: Database.Database, p: BenefitListParams): { total: number; rows: BenefitListRow[] } {
  const { source, where } = sourceOf(p);
  const states = benefitStatesSql(source, where);
  const status =
    p.status === null ? '' : p.status === 'claimed' ? 'WHERE s.decision IS NULL' : 'WHERE s.decision = @status';
  const params = {
    ...cutoffParams(p.cutoff),
    organisationId: p.organisationId,
    interventionId: p.interventionId,
    financialYear: p.financialYear,
    status: p.status,
  };
  const total = db.prepare(`SELECT COUNT(*) FROM ${states} s ${status}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `SELECT s.*, i.title AS intervention_title, i.lead_organisation_id FROM ${states} s
      LEFT JOIN interventions i INDEXED BY interventions_key ON i.intervention_id = s.intervention_id ${status}
     ORDER BY s.claim_position ${p.order} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: p.limit, offset: p.offset }) as BenefitListRow[];
  return { total, rows };
}
