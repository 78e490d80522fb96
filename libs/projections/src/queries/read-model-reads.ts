import Database from 'better-sqlite3';
import { Cutoff, cutoffParams, within } from './query-basis';

/**
 * Typed reads over the read models; every one honours the cutoff. Lists of ids are passed as JSON. Joins name
 * their driving table first (CROSS JOIN fixes SQLite's join order), so each read starts from its narrowest index.
 */

export interface ValidatedBenefit {
  intervention_id: string;
  benefit_id: string;
  benefit_type: string;
  lens: string;
  recurrence: string;
  financial_year: string;
  landing_organisation_id: string;
  validated_value_pence: number;
  claim_position: number;
  decision_position: number;
}

export interface CostFact {
  intervention_id: string;
  bearer_organisation_id: string;
  amount_pence: number;
  financial_year: string;
  cost_type: string;
  position: number;
}

export interface BenefitFilter {
  financialYear?: string | null;
  landingOrganisationId?: string | null;
  interventionIds?: readonly string[] | null;
  benefitType?: string | null;
  lens?: string | null;
  recurrence?: string | null;
  /** cash-releasing benefits only (true) or all others (false) */
  cash?: boolean | null;
}

const BENEFIT_COLUMNS = `b.intervention_id, b.benefit_id, b.benefit_type, b.lens, b.recurrence, b.financial_year, b.landing_organisation_id,
  d.validated_value_pence, b.position AS claim_position, d.position AS decision_position`;
const DECISION_OF_B = 'benefit_decisions d ON d.intervention_id = b.intervention_id AND d.benefit_id = b.benefit_id';

/** FROM and WHERE of validated benefits under a filter, with its parameters. */
export function validatedBenefitsFrom(cutoff: Cutoff, filter: BenefitFilter = {}): { from: string; where: string; params: Record<string, unknown> } {
  const from = filter.interventionIds
    ? `json_each(@ids) j CROSS JOIN benefits b ON b.intervention_id = j.value CROSS JOIN ${DECISION_OF_B}`
    : filter.landingOrganisationId || filter.financialYear
      ? `benefits b CROSS JOIN ${DECISION_OF_B}`
      : `benefit_decisions d CROSS JOIN benefits b ON b.intervention_id = d.intervention_id AND b.benefit_id = d.benefit_id`;
  const where = [within('d'), "d.decision = 'validated'"];
  if (filter.financialYear) where.push('b.financial_year = @financialYear');
  if (filter.landingOrganisationId) where.push('b.landing_organisation_id = @landing');
  if (filter.benefitType) where.push('b.benefit_type = @benefitType');
  if (filter.lens) where.push('b.lens = @lens');
  if (filter.recurrence) where.push('b.recurrence = @recurrence');
  if (filter.cash === true) where.push("b.benefit_type = 'cash-releasing'");
  if (filter.cash === false) where.push("b.benefit_type <> 'cash-releasing'");
  return {
    from,
    where: where.join(' AND '),
    params: {
      ...cutoffParams(cutoff), financialYear: filter.financialYear ?? null, landing: filter.landingOrganisationId ?? null,
      ids: filter.interventionIds ? JSON.stringify(filter.interventionIds) : null, benefitType: filter.benefitType ?? null,
      lens: filter.lens ?? null, recurrence: filter.recurrence ?? null,
    },
  };
}

/** Validated benefits (claim joined to its validation), in (intervention, benefit) order. */
export function validatedBenefits(db: Database.Database, cutoff: Cutoff, filter: BenefitFilter = {}): ValidatedBenefit[] {
  const q = validatedBenefitsFrom(cutoff, filter);
  return db.prepare(`SELECT ${BENEFIT_COLUMNS} FROM ${q.from} WHERE ${q.where} ORDER BY b.intervention_id, b.benefit_id`).all(q.params) as ValidatedBenefit[];
}

export interface CostFilter { interventionIds?: readonly string[] | null; bearerOrganisationId?: string | null; financialYear?: string | null }

/** FROM and WHERE of costs under a filter, with its parameters. */
export function costsFrom(cutoff: Cutoff, filter: CostFilter = {}): { from: string; where: string; params: Record<string, unknown> } {
  const where = [within('c')];
  if (filter.bearerOrganisationId) where.push('c.bearer_organisation_id = @bearer');
  if (filter.financialYear) where.push('c.financial_year = @financialYear');
  return {
    from: filter.interventionIds ? 'json_each(@ids) j CROSS JOIN costs c ON c.intervention_id = j.value' : 'costs c',
    where: where.join(' AND '),
    params: {
      ...cutoffParams(cutoff), ids: filter.interventionIds ? JSON.stringify(filter.interventionIds) : null,
      bearer: filter.bearerOrganisationId ?? null, financialYear: filter.financialYear ?? null,
    },
  };
}

/** Costs in log order. */
export function costs(db: Database.Database, cutoff: Cutoff, filter: CostFilter = {}): CostFact[] {
  const q = costsFrom(cutoff, filter);
  return db.prepare(`SELECT c.intervention_id, c.bearer_organisation_id, c.amount_pence, c.financial_year, c.cost_type, c.position
    FROM ${q.from} WHERE ${q.where} ORDER BY c.position`).all(q.params) as CostFact[];
}

export interface OrganisationRow { organisation_id: string; name: string; type: string; system: string | null }

export function organisationsById(db: Database.Database, cutoff: Cutoff): Map<string, OrganisationRow> {
  const rows = db.prepare(`SELECT o.organisation_id, o.name, o.type, o.system FROM organisations o WHERE ${within('o')}`).all(cutoffParams(cutoff)) as OrganisationRow[];
  return new Map(rows.map((r) => [r.organisation_id, r]));
}

export function organisationById(db: Database.Database, cutoff: Cutoff, organisationId: string): OrganisationRow | undefined {
  return db.prepare(`SELECT o.organisation_id, o.name, o.type, o.system FROM organisations o WHERE o.organisation_id = @id AND ${within('o')}`)
    .get({ ...cutoffParams(cutoff), id: organisationId }) as OrganisationRow | undefined;
}

export interface EventSeen {
  position: number; event_id: string; stream_id: string; revision: number; type: string; hash: string;
  actor_user_id: string; actor_organisation_id: string; actor_role: string; recorded_at: string; correlation_id: string; source_json: string | null;
}

export function eventsAt(db: Database.Database, positions: readonly number[]): EventSeen[] {
  return db.prepare(`SELECT e.* FROM json_each(?) j CROSS JOIN events_seen e ON e.position = j.value ORDER BY e.position`)
    .all(JSON.stringify([...new Set(positions)])) as EventSeen[];
}
