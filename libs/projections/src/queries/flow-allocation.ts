import { formatPounds, splitByLargestRemainder } from '@benefit-ledger/domain';
import { CostFact, ValidatedBenefit } from './read-model-reads';

/** Where value with no recorded cost behind it flows from. */
export const NO_RECORDED_INVESTMENT = '(no recorded investment)';

/** One intervention's investors: bearers in id order, the costs each bore, and the cost events. */
interface Investment {
  bearers: string[];
  costByBearer: number[];
  totalPence: number;
  positions: number[];
}

/** One part of a validated benefit attributed to one investor. */
export interface FlowPart {
  from: string;
  to: string;
  pence: number;
  benefit: ValidatedBenefit;
  /** The events this part rests on: the claim, the validation and every cost of the intervention. */
  positions: number[];
  note: string;
}

function investmentsByIntervention(costs: readonly CostFact[]): Map<string, Investment> {
  const byIntervention = new Map<string, { byBearer: Map<string, number>; positions: number[] }>();
  for (const c of costs) {
    const entry = byIntervention.get(c.intervention_id) ?? { byBearer: new Map<string, number>(), positions: [] as number[] };
    entry.byBearer.set(c.bearer_organisation_id, (entry.byBearer.get(c.bearer_organisation_id) ?? 0) + c.amount_pence);
    entry.positions.push(c.position);
    byIntervention.set(c.intervention_id, entry);
  }
  const result = new Map<string, Investment>();
  for (const [interventionId, { byBearer, positions }] of byIntervention) {
    const bearers = [...byBearer.keys()].sort();
    const costByBearer = bearers.map((b) => byBearer.get(b)!);
    result.set(interventionId, { bearers, costByBearer, totalPence: costByBearer.reduce((a, b) => a + b, 0), positions });
  }
  return result;
}

/**
 * Design §3 "where value lands": each validated benefit flows from its intervention's cost bearers, in
 * proportion to the costs they bore (any year, within the cutoff), to its landing organisation. Parts are
 * split by largest remainder, so every benefit's parts add up to its validated value to the penny.
 */
export function* flowParts(benefits: readonly ValidatedBenefit[], costs: readonly CostFact[]): Generator<FlowPart> {
  const investments = investmentsByIntervention(costs);
  for (const benefit of benefits) {
    const value = benefit.validated_value_pence;
    const what = `benefit ${benefit.benefit_id} of ${benefit.intervention_id} (${benefit.benefit_type}, ${benefit.financial_year}) validated ${formatPounds(value)}`;
    const investment = investments.get(benefit.intervention_id);
    if (!investment || investment.totalPence === 0) {
      yield { from: NO_RECORDED_INVESTMENT, to: benefit.landing_organisation_id, pence: value, benefit,
        positions: [benefit.claim_position, benefit.decision_position], note: `${what}: no costs recorded for the intervention` };
      continue;
    }
    const parts = splitByLargestRemainder(value, investment.costByBearer);
    for (let i = 0; i < parts.length; i++) {
      yield {
        from: investment.bearers[i], to: benefit.landing_organisation_id, pence: parts[i], benefit,
        positions: [benefit.claim_position, benefit.decision_position, ...investment.positions],
        note: `${what} × ${investment.bearers[i]}'s costs ${formatPounds(investment.costByBearer[i])} / ${formatPounds(investment.totalPence)} = ${formatPounds(parts[i])} (largest remainder)`,
      };
    }
  }
}
