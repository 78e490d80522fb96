import Database from 'better-sqlite3';
import { STATUS_AFTER } from '@benefit-ledger/domain';
import { Whose, realisedByIntervention } from './intervention-realised';
import { Cutoff, cutoffParams, within } from './query-basis';
import { required } from '../required';

/**
 * The portfolio (GET /interventions): every intervention with its lead organisation, status, pathway and lenses, and
 * its figures at the cutoff: costs, claimed (every claim at its value as last claimed or revised, whatever its status),
 * validated (finance's validated value), realised (intervention-realised.ts), rejected (the claimed value of rejected
 * claims) and the ROI of claimed, validated and realised value (each ÷ costs), the same definitions as
 * GET /interventions/:id/value. With a financial year, only that year's costs and benefits
 * count, and only interventions with a cost or a benefit in it are listed. Each figure is that intervention's value
 * figure (its reference is the one GET /interventions/:id/value gives it), so its trace is that figure's.
 */

/** `roi` is validated ÷ costs (the headline ROI); `claimedRoi` and `realisedRoi` the other two ways'. */
export const INTERVENTION_SORTS = [
  'title',
  'claimed',
  'validated',
  'realised',
  'rejected',
  'costs',
  'roi',
  'claimedRoi',
  'realisedRoi',
] as const;
export type InterventionSort = (typeof INTERVENTION_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface InterventionListParams {
  cutoff: Cutoff;
  financialYear: string | null;
  leadOrganisationId: string | null;
  status: string | null;
  lens: 'economic' | 'social' | 'strategic' | null;
  /** A case-insensitive part of the title or the id. */
  text: string | null;
  sort: InterventionSort;
  order: SortOrder;
  offset: number;
  limit: number;
}

export interface InterventionRow {
  intervention_id: string;
  title: string;
  lead_organisation_id: string;
  lead_name: string | null;
  pathway: string | null;
  lens_economic: number;
  lens_social: number;
  lens_strategic: number;
  status: string;
  recorded_at: string;
}

export interface InterventionFigures {
  costs: number;
  claimed: number;
  validated: number;
  realised: number;
  rejected: number;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The status at the cutoff: the latest decision that changes it (STATUS_AFTER), or 'registered'. */
const STATUS_SQL = `COALESCE((SELECT CASE d.decision ${Object.entries(STATUS_AFTER)
  .map(([decision, status]) => `WHEN ${literal(decision)} THEN ${literal(status)}`)
  .join(' ')} END
    FROM intervention_decisions d WHERE d.intervention_id = i.intervention_id AND ${within('d')}
     AND d.decision IN (${Object.keys(STATUS_AFTER).map(literal).join(', ')}) ORDER BY d.position DESC LIMIT 1), 'registered')`;

/** The SQL condition an intervention (alias i) meets for the filters; its status is worked out only when it is one of them. */
function selectedSql(params: InterventionListParams): string {
  const where = [within('i')];
  if (params.leadOrganisationId) where.push('i.lead_organisation_id = @lead');
  if (params.lens) where.push(`i.lens_${params.lens} = 1`);
  if (params.text)
    where.push('(instr(lower(i.title), lower(@text)) > 0 OR instr(lower(i.intervention_id), lower(@text)) > 0)');
  if (params.financialYear) {
    where.push(`(EXISTS (SELECT 1 FROM costs c WHERE c.intervention_id = i.intervention_id AND c.financial_year = @financialYear AND ${within('c')})
      OR EXISTS (SELECT 1 FROM benefits b INDEXED BY benefits_key WHERE b.intervention_id = i.intervention_id AND b.financial_year = @financialYear AND ${within('b')}))`);
  }
  if (params.status) where.push(`${STATUS_SQL} = @status`);
  return where.join(' AND ');
}

const paramsOf = (params: InterventionListParams) => ({
  ...cutoffParams(params.cutoff),
  lead: params.leadOrganisationId,
  text: params.text,
  financialYear: params.financialYear,
  status: params.status,
});

const ofYear = (alias: string, financialYear: string | null) =>
  financialYear ? `AND ${alias}.financial_year = @financialYear` : '';

type Measure = keyof InterventionFigures;
const MEASURES: readonly Measure[] = ['costs', 'claimed', 'validated', 'realised', 'rejected'];

/** The ways a ROI sort divides by costs, by sort. */
const ROI_SORTS = { claimedRoi: 'claimed', roi: 'validated', realisedRoi: 'realised' } as const;
type RoiSort = keyof typeof ROI_SORTS;
const isRoiSort = (sort: InterventionSort): sort is RoiSort => sort in ROI_SORTS;

/** A benefit's latest revision, or decision, by the cutoff (alias x of that table; b the benefit). */
const latestOf = (table: 'benefit_revisions' | 'benefit_decisions', benefitId: string) =>
  `${benefitId}.position = (SELECT MAX(l.position) FROM ${table} l WHERE l.intervention_id = ${benefitId}.intervention_id AND l.benefit_id = ${benefitId}.benefit_id AND ${within('l')})`;

/**
 * Costs, claimed, validated, realised and rejected of these interventions (or all; or only the measures asked for, the
 * others left 0), in a few statements however many there are.
 * Claimed is Σ claims + Σ (latest revision − claim) over revised claims; rejected Σ the current value of claims whose
 * latest decision is a rejection: the sums the intervention's own value gives (tested), without reading a revision and
 * a decision for every benefit.
 */
export function interventionFigures(
  db: Database.Database,
  cutoff: Cutoff,
  financialYear: string | null,
  whose: Whose,
  measures: readonly Measure[] = MEASURES,
): Map<string, InterventionFigures> {
  // the interventions named by index through IN (…), or none named: whole tables, grouped
  const params = { ...cutoffParams(cutoff), financialYear, ids: whose === 'all' ? null : JSON.stringify(whose) };
  const of = (alias: string) =>
    whose === 'all' ? '' : `AND ${alias}.intervention_id IN (SELECT value FROM json_each(@ids))`;
  const figures = new Map<string, InterventionFigures>();
  const figuresOf = (id: string) => {
    let entry = figures.get(id);
    if (!entry) figures.set(id, (entry = { costs: 0, claimed: 0, validated: 0, realised: 0, rejected: 0 }));
    return entry;
  };
  if (whose !== 'all') for (const id of whose) figuresOf(id);
  const sums = (measure: Measure, sql: string) =>
    measures.includes(measure) ? (db.prepare(sql).raw().all(params) as [string, number | null][]) : [];
  for (const [id, pence] of sums(
    'costs',
    `SELECT c.intervention_id, SUM(c.amount_pence) FROM costs c WHERE ${within('c')} ${of('c')} ${ofYear('c', financialYear)} GROUP BY 1`,
  )) {
    figuresOf(id).costs = pence ?? 0;
  }
  for (const [id, pence] of sums(
    'validated',
    `SELECT vb.intervention_id, SUM(vb.validated_value_pence) FROM validated_benefits vb
      WHERE ${within('vb')} ${of('vb')} ${ofYear('vb', financialYear)} GROUP BY 1`,
  ))
    figuresOf(id).validated = pence ?? 0;
  if (measures.includes('realised'))
    for (const [id, pence] of realisedByIntervention(db, cutoff, financialYear, whose)) figuresOf(id).realised = pence;
  for (const [id, pence] of sums(
    'claimed',
    `SELECT b.intervention_id, SUM(b.value_pence) FROM benefits b WHERE ${within('b')} ${of('b')} ${ofYear('b', financialYear)} GROUP BY 1`,
  )) {
    figuresOf(id).claimed += pence ?? 0;
  }
  // a revised claim counts at its latest revision's value instead (null counts as nothing, as SUM leaves it out)
  for (const [id, pence] of sums(
    'claimed',
    `SELECT b.intervention_id, SUM(ifnull(rv.value_pence, 0) - ifnull(b.value_pence, 0)) FROM benefit_revisions rv
      CROSS JOIN benefits b INDEXED BY benefits_key ON b.intervention_id = rv.intervention_id AND b.benefit_id = rv.benefit_id
      WHERE ${latestOf('benefit_revisions', 'rv')} ${of('rv')} AND ${within('b')} ${ofYear('b', financialYear)} GROUP BY 1`,
  ))
    figuresOf(id).claimed += pence ?? 0;
  for (const [id, pence] of sums(
    'rejected',
    `SELECT b.intervention_id,
        SUM(CASE WHEN rv.position IS NULL THEN b.value_pence ELSE rv.value_pence END) FROM benefit_decisions d
      CROSS JOIN benefits b INDEXED BY benefits_key ON b.intervention_id = d.intervention_id AND b.benefit_id = d.benefit_id
      LEFT JOIN benefit_revisions rv ON rv.intervention_id = b.intervention_id AND rv.benefit_id = b.benefit_id AND ${latestOf('benefit_revisions', 'rv')}
      WHERE d.decision = 'rejected' AND ${latestOf('benefit_decisions', 'd')} ${of('d')} AND ${within('b')} ${ofYear('b', financialYear)} GROUP BY 1`,
  )) {
    figuresOf(id).rejected = pence ?? 0;
  }
  return figures;
}

/** value ÷ costs of two interventions with costs, compared exactly (no rounding): negative when a's is less. */
function compareRoi(first: InterventionFigures, second: InterventionFigures, way: (typeof ROI_SORTS)[RoiSort]): number {
  const left = BigInt(first[way]) * BigInt(second.costs);
  const right = BigInt(second[way]) * BigInt(first.costs);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Beyond this many interventions, a figure sort reads whole tables once rather than look each one up. */
const LOOKUPS_UP_TO = 1000;

/**
 * One page of the portfolio and how many interventions the filters select. Sorted by title, the page is cut in SQL
 * and only its figures read; sorted by a figure, that figure of every selected intervention is read (one or two
 * statements), sorted here, then cut, and the page's figures read. Ties fall back to title, then id, so that pages
 * never overlap. Status and the lead's name are read for the page alone.
 */
export function interventionPage(
  db: Database.Database,
  query: InterventionListParams,
): { total: number; rows: InterventionRow[]; figures: Map<string, InterventionFigures> } {
  const selected = `FROM interventions i WHERE ${selectedSql(query)}`;
  const params = paramsOf(query);
  const byTitle = (order: SortOrder) =>
    `ORDER BY lower(i.title) ${order}, i.title ${order}, i.intervention_id ${order}`;
  let total: number;
  let ids: string[];
  let figures: Map<string, InterventionFigures>;
  if (query.sort === 'title') {
    total = db.prepare(`SELECT COUNT(*) ${selected}`).pluck().get(params) as number;
    ids = db
      .prepare(`SELECT i.intervention_id ${selected} ${byTitle(query.order)} LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...params, limit: query.limit, offset: query.offset }) as string[];
    figures = interventionFigures(db, query.cutoff, query.financialYear, ids);
  } else {
    const all = db
      .prepare(`SELECT i.intervention_id ${selected} ${byTitle('asc')}`)
      .pluck()
      .all(params) as string[];
    // only what the sort needs, for every one: the page's figures are read whole below
    const sort = query.sort;
    const every = interventionFigures(
      db,
      query.cutoff,
      query.financialYear,
      all.length <= LOOKUPS_UP_TO ? all : 'all',
      isRoiSort(sort) ? ['costs', ROI_SORTS[sort]] : [sort],
    );
    const none: InterventionFigures = { costs: 0, claimed: 0, validated: 0, realised: 0, rejected: 0 };
    const figuresOf = (id: string) => every.get(id) ?? none;
    const sign = query.order === 'asc' ? 1 : -1;
    const sorted = all
      .map((id, titleOrder) => ({ id, titleOrder, f: figuresOf(id) }))
      .sort((left, right) => {
        // no costs, no ROI: after every intervention that has one, whichever the order
        const noRoi = isRoiSort(sort) ? Number(left.f.costs === 0) - Number(right.f.costs === 0) : 0;
        const compared =
          noRoi !== 0
            ? noRoi
            : sign *
              (isRoiSort(sort)
                ? left.f.costs === 0
                  ? 0
                  : compareRoi(left.f, right.f, ROI_SORTS[sort])
                : left.f[sort] - right.f[sort]);
        return compared !== 0 ? compared : left.titleOrder - right.titleOrder;
      });
    total = all.length;
    ids = sorted.slice(query.offset, query.offset + query.limit).map((s) => s.id);
    figures = interventionFigures(db, query.cutoff, query.financialYear, ids);
  }
  // the page's rows, in the page's order
  const rows = new Map(
    (
      db
        .prepare(
          `SELECT i.intervention_id, i.title, i.lead_organisation_id, o.name AS lead_name, i.pathway, i.lens_economic, i.lens_social,
      i.lens_strategic, i.recorded_at, ${STATUS_SQL} AS status
    FROM json_each(@ids) j CROSS JOIN interventions i INDEXED BY interventions_key ON i.intervention_id = j.value
    LEFT JOIN organisations o ON o.organisation_id = i.lead_organisation_id AND ${within('o')}`,
        )
        .all({ ...cutoffParams(query.cutoff), ids: JSON.stringify(ids) }) as InterventionRow[]
    ).map((r) => [r.intervention_id, r]),
  );
  return { total, rows: ids.map((id) => required(rows, id, 'intervention of the page')), figures };
}
