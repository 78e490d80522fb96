import Database from 'better-sqlite3';
import { splitByLargestRemainder, sumPence } from '@benefit-ledger/domain';
import { READ_MODEL_TABLES, columnName } from './read-model-schema';
import { required } from './required';

/** Where value with no recorded cost behind it flows from. */
export const NO_RECORDED_INVESTMENT = '(no recorded investment)';

export interface CostAt {
  bearer: string;
  amountPence: number;
  position: number;
}
export interface ValidatedAt {
  benefitId: string;
  landing: string;
  financialYear: string;
  validatedPence: number;
  claimPosition: number;
  decisionPosition: number;
}

/** One row of flow_parts (read-model-schema.ts). */
export interface FlowPartRow {
  intervention_id: string;
  benefit_id: string;
  valid_from: number;
  from_organisation_id: string;
  valid_to: number | null;
  to_organisation_id: string;
  financial_year: string;
  pence: number;
  validated_pence: number;
  bearer_cost_pence: number;
  total_cost_pence: number;
  claim_position: number;
  decision_position: number;
}

/**
 * Design §3 "where value lands", for one intervention, pure: each validated benefit flows from the cost bearers
 * in proportion to the costs each had borne (any year) to its landing organisation, split by largest remainder so
 * the parts add up to the validated value to the penny; with no costs, from "no recorded investment". The split
 * holds from the validation until the next cost is recorded, which starts the next version. `costs` in log order.
 */
export function flowPartVersions(
  interventionId: string,
  costs: readonly CostAt[],
  benefits: readonly ValidatedAt[],
): FlowPartRow[] {
  const rows: FlowPartRow[] = [];
  for (const benefit of benefits) {
    const starts = [
      benefit.decisionPosition,
      ...costs.filter((c) => c.position > benefit.decisionPosition).map((c) => c.position),
    ];
    starts.forEach((start, version) => {
      const validTo = version + 1 < starts.length ? starts[version + 1] : null;
      rows.push(...flowPartVersion(interventionId, benefit, bearerTotals(costs, start), start, validTo));
    });
  }
  return rows;
}

/** Each bearer's costs recorded up to `position` (any year). */
export function bearerTotals(costs: readonly CostAt[], position: number): Map<string, number> {
  const byBearer = new Map<string, number>();
  for (const cost of costs)
    if (cost.position <= position) byBearer.set(cost.bearer, (byBearer.get(cost.bearer) ?? 0) + cost.amountPence);
  return byBearer;
}

/** One version of one benefit's parts: its validated value split over the bearers' costs, from `start` until `validTo`. */
function flowPartVersion(
  interventionId: string,
  benefit: ValidatedAt,
  byBearer: ReadonlyMap<string, number>,
  start: number,
  validTo: number | null,
): FlowPartRow[] {
  const bearers = [...byBearer.keys()].sort();
  const weights = bearers.map((bearer) => required(byBearer, bearer, 'cost of bearer'));
  const total = sumPence(weights);
  const row = (from: string, pence: number, bearerCost: number): FlowPartRow => ({
    intervention_id: interventionId,
    benefit_id: benefit.benefitId,
    valid_from: start,
    from_organisation_id: from,
    valid_to: validTo,
    to_organisation_id: benefit.landing,
    financial_year: benefit.financialYear,
    pence,
    validated_pence: benefit.validatedPence,
    bearer_cost_pence: bearerCost,
    total_cost_pence: total,
    claim_position: benefit.claimPosition,
    decision_position: benefit.decisionPosition,
  });
  if (total === 0) return [row(NO_RECORDED_INVESTMENT, benefit.validatedPence, 0)];
  const parts = splitByLargestRemainder(benefit.validatedPence, weights);
  return bearers.map((bearer, i) => row(bearer, parts[i], weights[i]));
}

/** flow_parts' columns and key, in the schema's order (copies between tables rely on it). */
const FLOW_PART_COLUMNS = READ_MODEL_TABLES.flow_parts.columns.map(columnName) as (keyof FlowPartRow)[];
const FLOW_PART_KEY = READ_MODEL_TABLES.flow_parts.primaryKey;

const COSTS_SQL =
  'SELECT intervention_id, bearer_organisation_id AS bearer, amount_pence AS amountPence, position FROM costs';
const VALIDATED_SQL = `SELECT intervention_id, benefit_id AS benefitId, landing_organisation_id AS landing, financial_year AS financialYear,
  validated_value_pence AS validatedPence, claim_position AS claimPosition, position AS decisionPosition FROM validated_benefits`;

/** Interventions derived per page of a bulk derivation. */
const DERIVE_PAGE = 2000;

const insertInto = (table: string) =>
  `INSERT INTO ${table} (${FLOW_PART_COLUMNS.join(', ')}) VALUES (${FLOW_PART_COLUMNS.map(() => '?').join(', ')})`;

/**
 * Keeps flow_parts derived from the costs and validated benefits already in the read models, in the same
 * transaction as the facts: after each cost or validation of an intervention its parts are derived again (live),
 * or all at once after a bulk load (rebuild). Both run flowPartVersions over the same rows, so both give the same table.
 */
export class FlowPartsWriter {
  private readonly insert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly costsOf: Database.Statement;
  private readonly validatedOf: Database.Statement;
  private readonly closeCurrent: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(insertInto('flow_parts'));
    this.remove = db.prepare('DELETE FROM flow_parts WHERE intervention_id = ?');
    this.closeCurrent = db.prepare('UPDATE flow_parts SET valid_to = ? WHERE intervention_id = ? AND valid_to IS NULL');
    this.costsOf = db.prepare(`${COSTS_SQL} WHERE intervention_id = ? ORDER BY position`);
    this.validatedOf = db.prepare(`${VALIDATED_SQL} WHERE intervention_id = ? ORDER BY position`);
  }

  /** Derives one intervention's parts again. */
  refresh(interventionId: string): void {
    this.remove.run(interventionId);
    const benefits = this.validatedOf.all(interventionId) as ValidatedAt[];
    if (benefits.length === 0) return;
    writeRows(this.insert, flowPartVersions(interventionId, this.costsOf.all(interventionId) as CostAt[], benefits));
  }

  /**
   * After new costs of one intervention (positions ascending, each after every fact of it already derived): each of
   * its benefits' current version ends at the cost, and a new one starts there, split over the costs up to it. The
   * same rows as `refresh` gives (a cost only adds a version: flowPartVersions), without deriving every earlier
   * version again, which made a cost's work grow with the intervention's costs times its benefits.
   */
  afterCosts(interventionId: string, positions: readonly number[]): void {
    const benefits = this.validatedOf.all(interventionId) as ValidatedAt[];
    if (benefits.length === 0) return;
    // a cost before a validation (not so live: positions only grow) changes versions it cannot close: derive whole
    if (benefits.some((benefit) => positions.some((position) => position <= benefit.decisionPosition))) {
      this.refresh(interventionId);
      return;
    }
    const costs = this.costsOf.all(interventionId) as CostAt[];
    for (const position of positions) {
      this.closeCurrent.run(position, interventionId);
      const byBearer = bearerTotals(costs, position);
      for (const benefit of benefits)
        writeRows(this.insert, flowPartVersion(interventionId, benefit, byBearer, position, null));
    }
  }

  /**
   * Derives every intervention's parts from scratch (validated_benefits first, with its indexes): staged unsorted
   * in a temporary table, then copied into the clustered flow_parts in key order.
   */
  refreshAll(): void {
    this.db.exec('DELETE FROM flow_parts');
    try {
      deriveFlowPartsThrough(this.db, TEMP_STAGING);
    } finally {
      this.db.exec(`DROP TABLE IF EXISTS ${TEMP_STAGING}`); // IF EXISTS: a failure may come before it is made
    }
  }
}

function writeRows(insert: Database.Statement, rows: readonly FlowPartRow[]): void {
  for (const row of rows) insert.run(FLOW_PART_COLUMNS.map((c) => row[c]));
}

const TEMP_STAGING = 'temp.flow_parts_staging';

/** A table for staged parts: flow_parts' columns, no key, no order (a temporary table, or one in a rebuild's staging file). */
const flowPartsStagingSql = (table: string) =>
  `CREATE TABLE ${table} (${(READ_MODEL_TABLES.flow_parts.columns as readonly string[]).map((c) => c.replace('?', '')).join(', ')})`;

/**
 * Derives every intervention's parts from the costs and validated_benefits of `db` (their indexes in place) and
 * writes them, unsorted, into its table `into`. Walks costs and validations in pages of whole interventions, each
 * page read before anything is written (a connection cannot write while one of its reads is open), as arrays: a
 * million-event log has hundreds of thousands of each.
 */
export function stageFlowParts(db: Database.Database, into: string): void {
  const staged = db.prepare(insertInto(into));
  const nextInterventions = db
    .prepare('SELECT DISTINCT intervention_id FROM validated_benefits WHERE intervention_id > ? ORDER BY 1 LIMIT ?')
    .pluck();
  const benefitsOf = db
    .prepare(`${VALIDATED_SQL} WHERE intervention_id BETWEEN ? AND ? ORDER BY intervention_id, position`)
    .raw();
  const costsOf = db
    .prepare(`${COSTS_SQL} WHERE intervention_id BETWEEN ? AND ? ORDER BY intervention_id, position`)
    .raw();
  type Benefit = [string, string, string, string, number, number, number];
  type Cost = [string, string, number, number];
  db.transaction(() => {
    for (let after = ''; ;) {
      const ids = nextInterventions.all(after, DERIVE_PAGE) as string[];
      if (ids.length === 0) return;
      const [first, last] = [ids[0], ids[ids.length - 1]];
      const benefits = benefitsOf.all(first, last) as Benefit[];
      const costs = costsOf.all(first, last) as Cost[];
      let costIndex = 0;
      for (let benefitIndex = 0; benefitIndex < benefits.length;) {
        const interventionId = benefits[benefitIndex][0];
        const own: ValidatedAt[] = [];
        for (; benefitIndex < benefits.length && benefits[benefitIndex][0] === interventionId; benefitIndex++) {
          const [, benefitId, landing, financialYear, validatedPence, claimPosition, decisionPosition] =
            benefits[benefitIndex];
          own.push({ benefitId, landing, financialYear, validatedPence, claimPosition, decisionPosition });
        }
        while (costIndex < costs.length && costs[costIndex][0] < interventionId) costIndex++;
        const ownCosts: CostAt[] = [];
        for (; costIndex < costs.length && costs[costIndex][0] === interventionId; costIndex++)
          ownCosts.push({
            bearer: costs[costIndex][1],
            amountPence: costs[costIndex][2],
            position: costs[costIndex][3],
          });
        writeRows(staged, flowPartVersions(interventionId, ownCosts, own));
      }
      after = last;
    }
  })();
}

/**
 * Derives every intervention's parts into the empty flow_parts of `db` through a staging table it makes, `staging`
 * (left to the caller to drop, or not): staged unsorted (stageFlowParts), then copied in, sorted into key order by SQLite.
 */
export function deriveFlowPartsThrough(db: Database.Database, staging: string): void {
  db.exec(flowPartsStagingSql(staging));
  stageFlowParts(db, staging);
  db.exec(`INSERT INTO flow_parts SELECT * FROM ${staging} ORDER BY ${FLOW_PART_KEY.join(', ')}`);
}

/**
 * What flow_parts are derived from, each with the one index stageFlowParts reads it through (by intervention): a
 * rebuild's staging file needs no other.
 */
export const FLOW_PART_INPUTS = {
  costs: ['intervention_id'],
  validated_benefits: ['intervention_id', 'benefit_id'],
} as const;

// the derived read models' keeper, where it always was to those who import it from here
export { DerivedReadModels, DerivedTable } from './derived-read-models';
