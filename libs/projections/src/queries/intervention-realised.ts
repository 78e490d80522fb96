import Database from 'better-sqlite3';
import { interventionDecider, interventionValueBasis, realiseBenefit } from '@benefit-ledger/domain';
import { benefitKey, capacityUseSums } from './capacity-uses';
import { Cutoff, cutoffParams, within } from './query-basis';

/** Whose figures to read: these interventions (looked up by index), or every one (whole tables read in one pass each). */
export type Whose = readonly string[] | 'all';

/**
 * Each intervention's realised value at the cutoff (docs/value-and-realisation.md), as GET /interventions/:id/value
 * counts it: a validated benefit of any type but capacity at its validated value; a validated capacity benefit for
 * what was harvested (realiseBenefit over its releases up to the cutoff, whatever year they were made in). With a
 * financial year, only that year's benefits. Two statements and one read of the capacity events, however many
 * interventions; an intervention with nothing realised is left out (read it as 0).
 */
export function realisedByIntervention(
  db: Database.Database,
  cutoff: Cutoff,
  financialYear: string | null,
  whose: Whose,
): Map<string, number> {
  const params = { ...cutoffParams(cutoff), financialYear, ids: whose === 'all' ? null : JSON.stringify(whose) };
  const scope = [
    within('vb'),
    ...(whose === 'all' ? [] : ['vb.intervention_id IN (SELECT value FROM json_each(@ids))']),
    ...(financialYear ? ['vb.financial_year = @financialYear'] : []),
  ].join(' AND ');
  const realised = new Map<string, number>();
  const add = (id: string, pence: number) => realised.set(id, (realised.get(id) ?? 0) + pence);
  // every type but capacity is realised at its validated value: summed in SQL
  for (const [id, pence] of db
    .prepare(
      `SELECT vb.intervention_id, SUM(vb.validated_value_pence) FROM validated_benefits vb
      WHERE ${scope} AND vb.benefit_type <> 'capacity' GROUP BY 1`,
    )
    .raw()
    .all(params) as [string, number][])
    add(id, pence);
  const capacity = db
    .prepare(
      `SELECT vb.intervention_id, vb.benefit_id, vb.validated_value_pence, vb.validated_quantity_h FROM validated_benefits vb
      WHERE ${scope} AND vb.benefit_type = 'capacity'`,
    )
    .all(params) as {
    intervention_id: string;
    benefit_id: string;
    validated_value_pence: number;
    validated_quantity_h: number | null;
  }[];
  const uses = capacityUseSums(db, cutoff, capacity);
  for (const benefit of capacity) {
    const realisation = realiseBenefit({
      benefitType: 'capacity',
      validatedValuePence: benefit.validated_value_pence,
      validatedQuantity: benefit.validated_quantity_h ?? 0,
      releases: uses.get(benefitKey(benefit.intervention_id, benefit.benefit_id)) ?? [],
    });
    add(benefit.intervention_id, realisation.realisedPence);
  }
  return realised;
}

/**
 * Which costs an intervention's ROIs count, in the words GET /interventions/:id/value uses: the domain's own label,
 * which depends on the year alone (so an intervention with nothing recorded gives it).
 */
export const interventionCostsCounted = (financialYear: string | null): string =>
  interventionValueBasis(interventionDecider.initialState, financialYear).costsCounted;
