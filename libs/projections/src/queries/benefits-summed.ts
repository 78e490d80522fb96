import Database from 'better-sqlite3';
import { BenefitType, Realisation, realiseBenefit } from '@benefit-ledger/domain';
import { Cutoff, cutoffParams, validAt, within } from './query-basis';
import type { BenefitScope, BenefitThreeWays } from './benefits-three-ways';

/**
 * The scope's benefits summed for an answer (no terms): benefitsThreeWays' figures without a row per benefit. Every
 * figure but a capacity benefit's realisation is linear in a benefit's claimed and validated value, so SQL sums them
 * per benefit type: claimed as the claims' values plus, for a revised claim, its latest revision less the claim (as the
 * portfolio sums it); validated from validated_benefits (a benefit is decided once, so a validation in the prefix is
 * its decision at the cutoff). Capacity's realisation is not linear in its value: benefit_realisations holds each
 * benefit's, as in force at each position, and SQL sums those. amountsOf of these rows adds up to the sum of
 * amountsOf of the benefits, to the penny.
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
  // an organisation's year is read by a key (landing, year, …): for validated_benefits, `+` keeps SQLite off its
  // year index; benefits' (landing, year, …) index covers the claims
  const where = (alias: string) =>
    [
      within(alias),
      ...(scope.landingOrganisationId ? [`${alias}.landing_organisation_id = @landing`] : []),
      ...(scope.financialYear
        ? [`${scope.landingOrganisationId && alias === 'vb' ? '+' : ''}${alias}.financial_year = @financialYear`]
        : []),
    ].join(' AND ');
  const byType = (sql: string) => db.prepare(sql).raw().all(params) as [BenefitType, number | null][];
  const claimed = new Map<BenefitType, number>();
  const addClaimed = ([type, pence]: [BenefitType, number | null]) =>
    claimed.set(type, (claimed.get(type) ?? 0) + (pence ?? 0));
  // a revised claim at its latest revision's value (null: nothing): an organisation's benefits each look theirs up; a
  // year's (a fifth of all) are summed as claimed, then corrected from the revisions, which are few
  const latestRevision = (benefitId: string) =>
    `(SELECT MAX(l.position) FROM benefit_revisions l WHERE l.intervention_id = ${benefitId}.intervention_id AND l.benefit_id = ${benefitId}.benefit_id AND ${within('l')})`;
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
  // validated value per type but capacity, summed in SQL; capacity's three ways from the realisations in force
  const validated = new Map(
    byType(`SELECT vb.benefit_type, SUM(vb.validated_value_pence) FROM validated_benefits vb
     WHERE ${where('vb')} AND vb.benefit_type <> 'capacity' GROUP BY 1`).map(([type, pence]) => [type, pence ?? 0]),
  );
  const capacity = capacityRealised(
    db,
    params,
    [
      validAt('r'),
      ...(scope.landingOrganisationId ? ['r.landing_organisation_id = @landing'] : []),
      ...(scope.financialYear ? ['r.financial_year = @financialYear'] : []),
    ].join(' AND '),
  );
  const row = (benefitType: BenefitType, claimedPence: number, realisation: Realisation | null): BenefitThreeWays => ({
    interventionId: '',
    benefitId: '',
    benefitType,
    landingOrganisationId: '',
    status: realisation === null ? 'claimed' : 'validated',
    claimedPence,
    claimPositions: [],
    validated: realisation === null ? null : { pence: realisation.validatedPence, position: 0, quantity: 0 },
    realisation,
    releasePositions: [],
  });
  const realisedInFull = (benefitType: BenefitType, pence: number) =>
    realiseBenefit({ benefitType, validatedValuePence: pence, validatedQuantity: 0, releases: [] });
  // one row per type: every claim's value and, for a type other than capacity, its validated value realised in full;
  // for capacity, the sum of its benefits' realisations (every figure of amountsOf is linear in them)
  const types = [...new Set<BenefitType>([...claimed.keys(), ...validated.keys()])].sort();
  return [
    ...types.map((type) =>
      row(type, claimed.get(type) ?? 0, type === 'capacity' ? null : realisedInFull(type, validated.get(type) ?? 0)),
    ),
    ...(capacity ? [row('capacity', 0, capacity)] : []),
  ];
}

/**
 * The sum of the realisations in force of the capacity benefits in scope (benefit_realisations), as one
 * Realisation (quantities left at zero: no figure of the three ways reads them); null when none is validated.
 */
function capacityRealised(db: Database.Database, params: Record<string, unknown>, where: string): Realisation | null {
  const sums = db
    .prepare(
      `SELECT COUNT(*) AS benefits, SUM(validated_pence) AS validated, SUM(realised_pence) AS realised, SUM(cash_pence) AS cash,
        SUM(reinvested_pence) AS reinvested, SUM(awaiting_reinvestment_pence) AS awaiting, SUM(cash_not_released_pence) AS notReleased,
        SUM(reinvested_below_value_pence) AS below, SUM(unharvested_pence) AS unharvested, SUM(undecided_pence) AS undecided,
        SUM(beyond_limits_pence) AS beyond
       FROM benefit_realisations r WHERE ${where}`,
    )
    .get(params) as Record<string, number>;
  if (sums.benefits === 0) return null;
  return {
    validatedPence: sums.validated,
    realisedPence: sums.realised,
    cashPence: sums.cash,
    nonCashPence: sums.reinvested + sums.awaiting,
    realised: {
      validatedNotCapacityPence: 0,
      cashReleasedPence: sums.cash,
      reinvestedPence: sums.reinvested,
      awaitingReinvestmentPence: sums.awaiting,
    },
    notRealised: {
      cashNotReleasedPence: sums.notReleased,
      reinvestedBelowValuePence: sums.below,
      unharvestedPence: sums.unharvested,
      undecidedPence: sums.undecided,
    },
    recordedBeyondLimitsPence: sums.beyond,
    quantities: {
      validated: 0,
      harvestedAsCash: 0,
      harvestedForReinvestment: 0,
      reinvested: 0,
      unharvested: 0,
      undecided: 0,
    },
  };
}
