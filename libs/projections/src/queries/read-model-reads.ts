import Database from 'better-sqlite3';
import { Cutoff, cutoffParams, within } from './query-basis';

/**
 * Typed reads over the read models; every one honours the cutoff. Lists of ids are passed as JSON. Joins name
 * their driving table first (CROSS JOIN fixes SQLite's join order), and an index where the planner, without
 * statistics, would pick a wider one, so each read starts from its narrowest index.
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

const BENEFIT_COLUMNS = `vb.intervention_id, vb.benefit_id, vb.benefit_type, vb.lens, vb.recurrence, vb.financial_year, vb.landing_organisation_id,
  vb.validated_value_pence, vb.claim_position, vb.position AS decision_position`;

/**
 * FROM, WHERE and ORDER BY of validated benefits (the derived validated_benefits, alias vb) under a filter, with its
 * parameters. Each filter reads the index that serves it, in that index's order: a page needs no sort.
 */
export function validatedBenefitsFrom(
  cutoff: Cutoff,
  filter: BenefitFilter = {},
): { from: string; where: string; orderBy: string; params: Record<string, unknown> } {
  // Where the landing organisation is named, the clustered key serves the read: `+` keeps the position bound from
  // tempting the planner onto the (financial_year, position) index.
  const where = [filter.landingOrganisationId ? '+vb.position <= @upTo' : within('vb')];
  let from = 'validated_benefits vb';
  let orderBy = 'vb.landing_organisation_id, vb.financial_year, vb.intervention_id, vb.benefit_id';
  if (filter.interventionIds) {
    from =
      'json_each(@ids) j CROSS JOIN validated_benefits vb INDEXED BY validated_benefits_intervention_id_benefit_id ON vb.intervention_id = j.value';
    orderBy = 'vb.intervention_id, vb.benefit_id';
  } else if (!filter.landingOrganisationId && filter.financialYear) {
    from = 'validated_benefits vb INDEXED BY validated_benefits_financial_year_position_validated_value_pence';
    orderBy = 'vb.position';
  }
  if (filter.financialYear) where.push('vb.financial_year = @financialYear');
  if (filter.landingOrganisationId) where.push('vb.landing_organisation_id = @landing');
  if (filter.benefitType) where.push('vb.benefit_type = @benefitType');
  if (filter.lens) where.push('vb.lens = @lens');
  if (filter.recurrence) where.push('vb.recurrence = @recurrence');
  if (filter.cash === true) where.push("vb.benefit_type = 'cash-releasing'");
  if (filter.cash === false) where.push("vb.benefit_type <> 'cash-releasing'");
  return {
    from,
    where: where.join(' AND '),
    orderBy,
    params: {
      ...cutoffParams(cutoff),
      financialYear: filter.financialYear ?? null,
      landing: filter.landingOrganisationId ?? null,
      ids: filter.interventionIds ? JSON.stringify(filter.interventionIds) : null,
      benefitType: filter.benefitType ?? null,
      lens: filter.lens ?? null,
      recurrence: filter.recurrence ?? null,
    },
  };
}

/** Validated benefits, in the filter's index order. */
export function validatedBenefits(
  db: Database.Database,
  cutoff: Cutoff,
  filter: BenefitFilter = {},
): ValidatedBenefit[] {
  const query = validatedBenefitsFrom(cutoff, filter);
  return db
    .prepare(`SELECT ${BENEFIT_COLUMNS} FROM ${query.from} WHERE ${query.where} ORDER BY ${query.orderBy}`)
    .all(query.params) as ValidatedBenefit[];
}

export interface CostFilter {
  interventionIds?: readonly string[] | null;
  bearerOrganisationId?: string | null;
  financialYear?: string | null;
}

/** FROM and WHERE of costs under a filter, with its parameters. */
export function costsFrom(
  cutoff: Cutoff,
  filter: CostFilter = {},
): { from: string; where: string; params: Record<string, unknown> } {
  const where = [within('c')];
  if (filter.bearerOrganisationId) where.push('c.bearer_organisation_id = @bearer');
  if (filter.financialYear) where.push('c.financial_year = @financialYear');
  return {
    from: filter.interventionIds ? 'json_each(@ids) j CROSS JOIN costs c ON c.intervention_id = j.value' : 'costs c',
    where: where.join(' AND '),
    params: {
      ...cutoffParams(cutoff),
      ids: filter.interventionIds ? JSON.stringify(filter.interventionIds) : null,
      bearer: filter.bearerOrganisationId ?? null,
      financialYear: filter.financialYear ?? null,
    },
  };
}

export interface OrganisationRow {
  organisation_id: string;
  name: string;
  type: string;
  system: string | null;
}

export function organisationsById(db: Database.Database, cutoff: Cutoff): Map<string, OrganisationRow> {
  const rows = db
    .prepare(`SELECT o.organisation_id, o.name, o.type, o.system FROM organisations o WHERE ${within('o')}`)
    .all(cutoffParams(cutoff)) as OrganisationRow[];
  return new Map(rows.map((r) => [r.organisation_id, r]));
}

export function organisationById(
  db: Database.Database,
  cutoff: Cutoff,
  organisationId: string,
): OrganisationRow | undefined {
  return db
    .prepare(
      `SELECT o.organisation_id, o.name, o.type, o.system FROM organisations o WHERE o.organisation_id = @id AND ${within('o')}`,
    )
    .get({ ...cutoffParams(cutoff), id: organisationId }) as OrganisationRow | undefined;
}

export interface EventSeen {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  hash: string;
  actor_user_id: string;
  actor_organisation_id: string;
  actor_role: string;
  recorded_at: string;
  correlation_id: string;
  source_json: string | null;
}

const EVENT_SEEN_COLUMNS = [
  'position',
  'event_id',
  'stream_id',
  'revision',
  'type',
  'hash',
  'actor_user_id',
  'actor_organisation_id',
  'actor_role',
  'recorded_at',
  'correlation_id',
  'source_json',
] as const;

export function eventsAt(db: Database.Database, positions: readonly number[]): EventSeen[] {
  // distinct and ascending: SQLite then reads each row by its rowid, in order, with no sort
  const wanted = [...new Set(positions)].sort((a, b) => a - b);
  // each row's keys in EVENT_SEEN_COLUMNS order (answers serialize them as they are)
  return db
    .prepare(
      `SELECT ${EVENT_SEEN_COLUMNS.join(', ')} FROM events_seen WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position`,
    )
    .all(JSON.stringify(wanted)) as EventSeen[];
}
