import Database from 'better-sqlite3';
import { BenefitType, Realisation, realiseBenefit } from '@benefit-ledger/domain';
import { BenefitStateRow, benefitStatesSql } from './benefit-states';
import { benefitKey, capacityUses } from './capacity-uses';
import { Cutoff, cutoffParams, within } from './query-basis';
import { present } from '../required';

/**
 * The benefits a report over many interventions adds up three ways (docs/value-and-realisation.md), one row per
 * benefit: its claim and revisions, its validation (with the quantity validated) and, for capacity, what became of
 * its releases, realised as an intervention's own value realises it (realiseBenefit). Every claim of a scope, or one
 * page of them (a trace's).
 */

export interface BenefitScope {
  landingOrganisationId?: string | null;
  financialYear?: string | null;
  interventionIds?: readonly string[] | null;
}

/** One claimed benefit in scope, three ways: as claimed now, as validated (if it is) and, validated, as realised. */
export interface BenefitThreeWays {
  interventionId: string;
  benefitId: string;
  benefitType: BenefitType;
  landingOrganisationId: string;
  status: 'claimed' | 'validated' | 'rejected';
  claimedPence: number;
  /** The claim and its latest revision. */
  claimPositions: number[];
  /** Null unless validated by the cutoff. */
  validated: { pence: number; position: number; quantity: number } | null;
  realisation: Realisation | null;
  /** The releases of a capacity benefit and their harvests, cash releases and reinvestments. */
  releasePositions: number[];
}

/** One page of the benefits in scope, in (intervention, benefit) order; `validatedOnly`: of those validated alone. */
export interface BenefitPage {
  offset: number;
  limit: number;
  validatedOnly: boolean;
}

/**
 * Every claim in scope at the cutoff (any status), with its validation and realisation, in (intervention, benefit)
 * order; or one page of them (a trace's).
 */
export function benefitsThreeWays(
  db: Database.Database,
  cutoff: Cutoff,
  scope: BenefitScope,
  page: BenefitPage | null = null,
): BenefitThreeWays[] {
  const { states, params } = page ? statesOfPage(cutoff, scope, page) : statesInScope(cutoff, scope);
  const rows = db
    .prepare(
      `SELECT s.*, vb.validated_quantity_h FROM ${states} s
      LEFT JOIN validated_benefits vb INDEXED BY validated_benefits_intervention_id_benefit_id
        ON vb.intervention_id = s.intervention_id AND vb.benefit_id = s.benefit_id AND s.decision = 'validated' AND ${within('vb')}
     ORDER BY s.intervention_id, s.benefit_id`,
    )
    .all(params) as (BenefitStateRow & { validated_quantity_h: number | null })[];
  const uses = capacityUses(
    db,
    cutoff,
    rows.filter((r) => r.decision === 'validated' && r.benefit_type === 'capacity'),
  );
  return rows.map((row) => {
    const validated =
      row.decision === 'validated' && row.validated_value_pence !== null
        ? {
            pence: row.validated_value_pence,
            position: present(row.decision_position, `decision position of validated benefit ${row.benefit_id}`),
            quantity: row.validated_quantity_h ?? 0,
          }
        : null;
    const use = uses.get(benefitKey(row.intervention_id, row.benefit_id));
    return {
      interventionId: row.intervention_id,
      benefitId: row.benefit_id,
      benefitType: row.benefit_type as BenefitType,
      landingOrganisationId: row.landing_organisation_id,
      status: row.decision ?? 'claimed',
      claimedPence: row.value_pence ?? 0,
      claimPositions: [row.claim_position, ...(row.revision_position === null ? [] : [row.revision_position])],
      validated,
      realisation: validated
        ? realiseBenefit({
            benefitType: row.benefit_type as BenefitType,
            validatedValuePence: validated.pence,
            validatedQuantity: validated.quantity,
            releases: use?.releases ?? [],
          })
        : null,
      releasePositions: use?.positions ?? [],
    };
  });
}

/**
 * The conditions on a scope's benefits (aliased b) in `table`, and their parameters. An organisation's validated
 * benefits are read by validated_benefits' key (landing, year, …): `+` on the position keeps SQLite off the
 * (year, position) index, which would walk the whole year.
 */
export function scopeWhere(cutoff: Cutoff, scope: BenefitScope, table: 'benefits' | 'validated_benefits' = 'benefits') {
  const byKey = table === 'validated_benefits' && scope.landingOrganisationId;
  const where: string[] = [byKey ? `+${within('b')}` : within('b')];
  if (scope.landingOrganisationId) where.push('b.landing_organisation_id = @landing');
  if (scope.financialYear) where.push('b.financial_year = @financialYear');
  const params = {
    ...cutoffParams(cutoff),
    landing: scope.landingOrganisationId ?? null,
    financialYear: scope.financialYear ?? null,
  };
  return { where, params };
}

/**
 * The states of one page of a scope's benefits: the page is taken first, so only its states are read. Validated
 * benefits are paged over validated_benefits (clustered by landing organisation and year: one run of its pages),
 * every claim over benefits.
 */
function statesOfPage(cutoff: Cutoff, scope: BenefitScope, page: BenefitPage) {
  if (scope.interventionIds) throw new Error('a page of benefits takes no interventionIds');
  // the page's keys alone first (from an index that covers them), then only its benefits' rows and states
  const table = page.validatedOnly ? 'validated_benefits' : 'benefits';
  const { where, params } = scopeWhere(cutoff, scope, table);
  const paged = { ...params, limit: page.limit, offset: page.offset };
  const keys = `(SELECT b.intervention_id, b.benefit_id FROM ${table} b WHERE ${where.join(' AND ')}
      ORDER BY b.intervention_id, b.benefit_id LIMIT @limit OFFSET @offset) k`;
  const source = `${keys} CROSS JOIN benefits b INDEXED BY benefits_key ON b.intervention_id = k.intervention_id AND b.benefit_id = k.benefit_id`;
  return { states: benefitStatesSql(source), params: paged };
}

/** How many benefits of a scope are in it at the cutoff (validated by then, or every claim). */
export function countInScope(db: Database.Database, cutoff: Cutoff, scope: BenefitScope, validatedOnly: boolean) {
  const table = validatedOnly ? 'validated_benefits' : 'benefits';
  const { where, params } = scopeWhere(cutoff, scope, table);
  return (
    db.prepare(`SELECT COUNT(*) AS n FROM ${table} b WHERE ${where.join(' AND ')}`).get(params) as {
      n: number;
    }
  ).n;
}

/** The benefit states (benefitStatesSql) of a scope, as a derived table, and its parameters. */
function statesInScope(cutoff: Cutoff, scope: BenefitScope) {
  const where: string[] = [];
  if (scope.landingOrganisationId) where.push('b.landing_organisation_id = @landing');
  if (scope.financialYear) where.push('b.financial_year = @financialYear');
  const source = scope.interventionIds
    ? 'json_each(@ids) j CROSS JOIN benefits b ON b.intervention_id = j.value'
    : 'benefits b';
  const params = {
    ...cutoffParams(cutoff),
    landing: scope.landingOrganisationId ?? null,
    financialYear: scope.financialYear ?? null,
    ids: scope.interventionIds ? JSON.stringify(scope.interventionIds) : null,
  };
  return { states: benefitStatesSql(source, where), params };
}
