import Database from 'better-sqlite3';
import { BenefitType, CapacityUse, realiseBenefit } from '@benefit-ledger/domain';
import { benefitKey, capacityUseSums } from './capacity-uses';
import { Cutoff, cutoffParams, within } from './query-basis';
import type { BenefitScope, BenefitThreeWays } from './value-three-ways';

/**
 * The scope's benefits summed for an answer (no terms): benefitsThreeWays' figures without a row per benefit. Every
 * figure but a capacity benefit's realisation is linear in a benefit's claimed and validated value, so SQL sums them
 * per benefit type: claimed as the claims' values plus, for a revised claim, its latest revision less the claim (as the
 * portfolio sums it); validated from validated_benefits (a benefit is decided once, so a validation in the prefix is
 * its decision at the cutoff). Each validated capacity benefit still gets a row of its own, realised by realiseBenefit.
 * amountsOf of these rows adds up to the sum of amountsOf of the benefits, to the penny.
 */
export function benefitsThreeWaysSummed(
  db: Database.Database,
  cutoff: Cutoff,
  scope: BenefitScope,
): BenefitThreeWays[] {
  if (scope.interventionIds)
    throw new Error('benefitsThreeWaysSummed takes no interventionIds (benefitsThreeWays does)');
  const params = {
    ...cutoffParams(cutoff),
    landing: scope.landingOrganisationId ?? null,
    financialYear: scope.financialYear ?? null,
  };
  // an organisation's year is read by the key (landing, year, …): `+` keeps SQLite off the year index
  const where = (alias: string) =>
    [
      within(alias),
      ...(scope.landingOrganisationId ? [`${alias}.landing_organisation_id = @landing`] : []),
      ...(scope.financialYear
        ? [`${scope.landingOrganisationId ? '+' : ''}${alias}.financial_year = @financialYear`]
        : []),
    ].join(' AND ');
  const byType = (sql: string) => db.prepare(sql).raw().all(params) as [BenefitType, number | null][];
  const claimed = new Map<BenefitType, number>();
  const addClaimed = ([type, pence]: [BenefitType, number | null]) =>
    claimed.set(type, (claimed.get(type) ?? 0) + (pence ?? 0));
  // a revised claim at its latest revision's value (null: nothing): an organisation's benefits each look theirs up; a
  // year's (a fifth of all) are summed as claimed, then corrected from the revisions, which are few
  const latestRevision = (b: string) =>
    `(SELECT MAX(l.position) FROM benefit_revisions l WHERE l.intervention_id = ${b}.intervention_id AND l.benefit_id = ${b}.benefit_id AND ${within('l')})`;
  if (scope.landingOrganisationId) {
    byType(`SELECT b.benefit_type, SUM(CASE WHEN rv.position IS NULL THEN ifnull(b.value_pence, 0) ELSE ifnull(rv.value_pence, 0) END) FROM benefits b
      LEFT JOIN benefit_revisions rv ON rv.position = ${latestRevision('b')} WHERE ${where('b')} GROUP BY 1`).forEach(
      addClaimed,
    );
  } else {
    byType(`SELECT b.benefit_type, SUM(b.value_pence) FROM benefits b WHERE ${where('b')} GROUP BY 1`).forEach(
      addClaimed,
    );
    byType(`SELECT b.benefit_type, SUM(ifnull(rv.value_pence, 0) - ifnull(b.value_pence, 0)) FROM benefit_revisions rv
      CROSS JOIN benefits b INDEXED BY benefits_key ON b.intervention_id = rv.intervention_id AND b.benefit_id = rv.benefit_id
     WHERE rv.position = ${latestRevision('rv')} AND ${where('b')} GROUP BY 1`).forEach(addClaimed);
  }
  // validated value per type, each capacity benefit apart (one read of validated_benefits)
  const validated = new Map<BenefitType, number>();
  const capacity: {
    intervention_id: string;
    benefit_id: string;
    validated_value_pence: number;
    validated_quantity_h: number | null;
  }[] = [];
  for (const v of db
    .prepare(
      `SELECT vb.benefit_type, vb.intervention_id, vb.benefit_id, vb.validated_value_pence, vb.validated_quantity_h FROM validated_benefits vb
     WHERE ${where('vb')}`,
    )
    .all(params) as ((typeof capacity)[number] & { benefit_type: BenefitType })[]) {
    if (v.benefit_type === 'capacity') capacity.push(v);
    else validated.set(v.benefit_type, (validated.get(v.benefit_type) ?? 0) + v.validated_value_pence);
  }
  const uses = capacityUseSums(db, cutoff, capacity);
  const row = (
    benefitType: BenefitType,
    claimedPence: number,
    validatedPence: number | null,
    quantity: number,
    releases: CapacityUse[],
  ): BenefitThreeWays => ({
    interventionId: '',
    benefitId: '',
    benefitType,
    landingOrganisationId: '',
    status: validatedPence === null ? 'claimed' : 'validated',
    claimedPence,
    claimPositions: [],
    validated: validatedPence === null ? null : { pence: validatedPence, position: 0, quantity },
    realisation:
      validatedPence === null
        ? null
        : realiseBenefit({ benefitType, validatedValuePence: validatedPence, validatedQuantity: quantity, releases }),
    releasePositions: [],
  });
  // one row per type: every claim's value, and for a type other than capacity its validated value, realised in full
  const types = [...new Set<BenefitType>([...claimed.keys(), ...validated.keys()])].sort();
  return [
    ...types.map((type) =>
      row(type, claimed.get(type) ?? 0, type === 'capacity' ? null : (validated.get(type) ?? 0), 0, []),
    ),
    ...capacity.map((b) =>
      row(
        'capacity',
        0,
        b.validated_value_pence,
        b.validated_quantity_h ?? 0,
        uses.get(benefitKey(b.intervention_id, b.benefit_id)) ?? [],
      ),
    ),
  ];
}
