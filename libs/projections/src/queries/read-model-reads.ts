import Database from 'better-sqlite3';
import { Cutoff, cutoffParams, within } from './query-basis';

/** Typed reads over the read models; every one honours the cutoff. Ids lists are passed as JSON. */

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
}

export function validatedBenefits(db: Database.Database, cutoff: Cutoff, filter: BenefitFilter = {}): ValidatedBenefit[] {
  const where = [within('d'), within('b'), "d.decision = 'validated'"];
  if (filter.financialYear) where.push('b.financial_year = @financialYear');
  if (filter.landingOrganisationId) where.push('b.landing_organisation_id = @landing');
  if (filter.interventionIds) where.push('d.intervention_id IN (SELECT value FROM json_each(@ids))');
  return db.prepare(`
    SELECT b.intervention_id, b.benefit_id, b.benefit_type, b.lens, b.recurrence, b.financial_year, b.landing_organisation_id,
           d.validated_value_pence, b.position AS claim_position, d.position AS decision_position
      FROM benefit_decisions d JOIN benefits b ON b.intervention_id = d.intervention_id AND b.benefit_id = d.benefit_id
     WHERE ${where.join(' AND ')}
     ORDER BY d.position`).all({
    ...cutoffParams(cutoff), financialYear: filter.financialYear ?? null, landing: filter.landingOrganisationId ?? null,
    ids: filter.interventionIds ? JSON.stringify(filter.interventionIds) : null,
  }) as ValidatedBenefit[];
}

export function costs(db: Database.Database, cutoff: Cutoff, filter: { interventionIds?: readonly string[] | null; bearerOrganisationId?: string | null; financialYear?: string | null } = {}): CostFact[] {
  const where = [within('c')];
  if (filter.interventionIds) where.push('c.intervention_id IN (SELECT value FROM json_each(@ids))');
  if (filter.bearerOrganisationId) where.push('c.bearer_organisation_id = @bearer');
  if (filter.financialYear) where.push('c.financial_year = @financialYear');
  return db.prepare(`
    SELECT c.intervention_id, c.bearer_organisation_id, c.amount_pence, c.financial_year, c.cost_type, c.position
      FROM costs c WHERE ${where.join(' AND ')} ORDER BY c.position`).all({
    ...cutoffParams(cutoff), ids: filter.interventionIds ? JSON.stringify(filter.interventionIds) : null,
    bearer: filter.bearerOrganisationId ?? null, financialYear: filter.financialYear ?? null,
  }) as CostFact[];
}

/** Interventions an organisation bore costs for (any year). */
export function interventionsInvestedBy(db: Database.Database, cutoff: Cutoff, organisationId: string): string[] {
  return (db.prepare(`SELECT DISTINCT c.intervention_id AS id FROM costs c WHERE c.bearer_organisation_id = @org AND ${within('c')} ORDER BY 1`)
    .all({ ...cutoffParams(cutoff), org: organisationId }) as { id: string }[]).map((r) => r.id);
}

/** Interventions with no recorded cost at all (their value flows from "no recorded investment"). */
export function interventionsWithoutCosts(db: Database.Database, cutoff: Cutoff, interventionIds: readonly string[]): string[] {
  const withCosts = new Set(costs(db, cutoff, { interventionIds }).map((c) => c.intervention_id));
  return interventionIds.filter((id) => !withCosts.has(id));
}

export interface OrganisationRow { organisation_id: string; name: string; type: string; system: string | null }

export function organisationsById(db: Database.Database, cutoff: Cutoff): Map<string, OrganisationRow> {
  const rows = db.prepare(`SELECT o.organisation_id, o.name, o.type, o.system FROM organisations o WHERE ${within('o')}`).all(cutoffParams(cutoff)) as OrganisationRow[];
  return new Map(rows.map((r) => [r.organisation_id, r]));
}

export interface EventSeen {
  position: number; event_id: string; stream_id: string; revision: number; type: string; hash: string;
  actor_user_id: string; actor_organisation_id: string; actor_role: string; recorded_at: string; correlation_id: string; source_json: string | null;
}

export function eventsAt(db: Database.Database, positions: readonly number[]): EventSeen[] {
  return db.prepare('SELECT * FROM events_seen WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position')
    .all(JSON.stringify([...new Set(positions)])) as EventSeen[];
}
