import Database from 'better-sqlite3';
import { splitByLargestRemainder, sumPence } from '@benefit-ledger/domain';

/** Where value with no recorded cost behind it flows from. */
export const NO_RECORDED_INVESTMENT = '(no recorded investment)';

export interface CostAt { bearer: string; amountPence: number; position: number }
export interface ValidatedAt {
  benefitId: string; landing: string; financialYear: string; validatedPence: number; claimPosition: number; decisionPosition: number;
}

/** One row of flow_parts (read-model-schema.ts). */
export interface FlowPartRow {
  intervention_id: string; benefit_id: string; valid_from: number; from_organisation_id: string; valid_to: number | null;
  to_organisation_id: string; financial_year: string; pence: number; validated_pence: number; bearer_cost_pence: number;
  total_cost_pence: number; claim_position: number; decision_position: number;
}

/**
 * Design §3 "where value lands", for one intervention, pure: each validated benefit flows from the cost bearers
 * in proportion to the costs each had borne (any year) to its landing organisation, split by largest remainder so
 * the parts add up to the validated value to the penny; with no costs, from "no recorded investment". The split
 * holds from the validation until the next cost is recorded, which starts the next version. `costs` in log order.
 */
export function flowPartVersions(interventionId: string, costs: readonly CostAt[], benefits: readonly ValidatedAt[]): FlowPartRow[] {
  const rows: FlowPartRow[] = [];
  for (const b of benefits) {
    const starts = [b.decisionPosition, ...costs.filter((c) => c.position > b.decisionPosition).map((c) => c.position)];
    starts.forEach((start, version) => {
      const byBearer = new Map<string, number>();
      for (const c of costs) if (c.position <= start) byBearer.set(c.bearer, (byBearer.get(c.bearer) ?? 0) + c.amountPence);
      const bearers = [...byBearer.keys()].sort();
      const weights = bearers.map((bearer) => byBearer.get(bearer)!);
      const total = sumPence(weights);
      const row = (from: string, pence: number, bearerCost: number): FlowPartRow => ({
        intervention_id: interventionId, benefit_id: b.benefitId, valid_from: start, from_organisation_id: from,
        valid_to: version + 1 < starts.length ? starts[version + 1] : null, to_organisation_id: b.landing, financial_year: b.financialYear,
        pence, validated_pence: b.validatedPence, bearer_cost_pence: bearerCost, total_cost_pence: total,
        claim_position: b.claimPosition, decision_position: b.decisionPosition,
      });
      if (total === 0) {
        rows.push(row(NO_RECORDED_INVESTMENT, b.validatedPence, 0));
        return;
      }
      const parts = splitByLargestRemainder(b.validatedPence, weights);
      bearers.forEach((bearer, i) => rows.push(row(bearer, parts[i], weights[i])));
    });
  }
  return rows;
}

const FLOW_PART_COLUMNS: (keyof FlowPartRow)[] = [
  'intervention_id', 'benefit_id', 'valid_from', 'from_organisation_id', 'valid_to', 'to_organisation_id', 'financial_year', 'pence',
  'validated_pence', 'bearer_cost_pence', 'total_cost_pence', 'claim_position', 'decision_position',
];

const COSTS_SQL = 'SELECT intervention_id, bearer_organisation_id AS bearer, amount_pence AS amountPence, position FROM costs';
const VALIDATED_SQL = `SELECT d.intervention_id, d.benefit_id AS benefitId, b.landing_organisation_id AS landing, b.financial_year AS financialYear,
  d.validated_value_pence AS validatedPence, b.position AS claimPosition, d.position AS decisionPosition
  FROM benefit_decisions d JOIN benefits b ON b.intervention_id = d.intervention_id AND b.benefit_id = d.benefit_id
  WHERE d.decision = 'validated'`;

type Keyed<T> = T & { intervention_id: string };

/**
 * Keeps flow_parts derived from the costs and validations already in the read models, in the same transaction
 * as the facts: after each cost or validation of an intervention its parts are derived again (live), or all at
 * once after a bulk load (rebuild). Both run flowPartVersions over the same rows, so both give the same table.
 */
export class FlowPartsWriter {
  private readonly insert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly costsOf: Database.Statement;
  private readonly validatedOf: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO flow_parts (${FLOW_PART_COLUMNS.join(', ')}) VALUES (${FLOW_PART_COLUMNS.map(() => '?').join(', ')})`);
    this.remove = db.prepare('DELETE FROM flow_parts WHERE intervention_id = ?');
    this.costsOf = db.prepare(`${COSTS_SQL} WHERE intervention_id = ? ORDER BY position`);
    this.validatedOf = db.prepare(`${VALIDATED_SQL} AND d.intervention_id = ? ORDER BY d.position`);
  }

  /** Derives one intervention's parts again. */
  refresh(interventionId: string): void {
    this.remove.run(interventionId);
    const benefits = this.validatedOf.all(interventionId) as ValidatedAt[];
    if (benefits.length === 0) return;
    this.write(flowPartVersions(interventionId, this.costsOf.all(interventionId) as CostAt[], benefits));
  }

  /** Derives every intervention's parts from scratch, walking costs and validations in intervention order. */
  refreshAll(): void {
    this.db.exec('DELETE FROM flow_parts');
    // Read first, then write: a connection cannot write while one of its reads is still open.
    const costs = this.db.prepare(`${COSTS_SQL} ORDER BY intervention_id, position`).all() as Keyed<CostAt>[];
    const benefits = this.db.prepare(`${VALIDATED_SQL} ORDER BY d.intervention_id, d.position`).all() as Keyed<ValidatedAt>[];
    let c = 0;
    for (let i = 0; i < benefits.length;) {
      const interventionId = benefits[i].intervention_id;
      const own: ValidatedAt[] = [];
      for (; i < benefits.length && benefits[i].intervention_id === interventionId; i++) own.push(benefits[i]);
      while (c < costs.length && costs[c].intervention_id < interventionId) c++;
      const ownCosts: CostAt[] = [];
      for (; c < costs.length && costs[c].intervention_id === interventionId; c++) ownCosts.push(costs[c]);
      this.write(flowPartVersions(interventionId, ownCosts, own));
    }
  }

  private write(rows: readonly FlowPartRow[]): void {
    for (const row of rows) this.insert.run(FLOW_PART_COLUMNS.map((c) => row[c]));
  }
}
