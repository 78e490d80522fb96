import Database from 'better-sqlite3';
import { CapacityUse } from '@benefit-ledger/domain';
import { Cutoff, cutoffParams, within } from './query-basis';
import { required } from '../required';

/**
 * What became of validated capacity benefits' releases (harvests, cash releases, reinvestments), read from the read
 * models for realiseBenefit: the reports over many benefits (value-three-ways.ts) and the portfolio's realised value
 * (intervention-realised.ts) read them alike.
 */

export const benefitKey = (interventionId: string, benefitId: string) => `${interventionId}\u0000${benefitId}`;

/** A benefit's releases (in release order) and the positions of the events they rest on (each release, then its movements). */
export interface BenefitUse {
  releases: CapacityUse[];
  positions: number[];
}

interface ReleaseRow {
  intervention_id: string;
  benefit_id: string;
  release_id: string;
  position: number;
}
interface MovementRow {
  kind: string;
  quantity_h: number;
  amount_pence: number | null;
  position: number;
}

/** For each validated capacity benefit, what became of its releases up to the cutoff, and the positions of those events. */
export function capacityUses(
  db: Database.Database,
  cutoff: Cutoff,
  benefits: readonly { intervention_id: string; benefit_id: string }[],
): Map<string, BenefitUse> {
  if (benefits.length === 0) return new Map();
  return usesLookedUp(db, cutoff, benefits);
}

/**
 * What became of each benefit's capacity, for an answer (no positions): each benefit's releases. (Measured on a
 * million-event ledger: SQL summing every movement of the prefix in one pass cost more than looking the benefits'
 * releases up, for a year of the whole system and for one organisation alike.)
 */
export function capacityUseSums(
  db: Database.Database,
  cutoff: Cutoff,
  benefits: readonly { intervention_id: string; benefit_id: string }[],
): Map<string, CapacityUse[]> {
  return new Map([...capacityUses(db, cutoff, benefits)].map(([key, use]) => [key, use.releases]));
}

/** Folds a benefit's releases, each followed by its movements in log order, into its uses. */
class UsesBuilder {
  readonly uses = new Map<string, BenefitUse>();
  private readonly byRelease = new Map<
    string,
    { use: CapacityUse & { reinvestments: { quantity: number; valuePence: number | null }[] }; positions: number[] }
  >();

  release(releaseRow: ReleaseRow): void {
    const entry = {
      use: { harvested: { 'cash-release': 0, reinvest: 0, unharvested: 0 }, cashReleasedPence: 0, reinvestments: [] },
      positions: [releaseRow.position],
    };
    this.byRelease.set(benefitKey(releaseRow.intervention_id, releaseRow.release_id), entry);
    const key = benefitKey(releaseRow.intervention_id, releaseRow.benefit_id);
    const own = this.uses.get(key) ?? { releases: [], positions: [] };
    this.uses.set(key, own);
    own.releases.push(entry.use);
  }

  movement(interventionId: string, releaseId: string, movementRow: MovementRow): void {
    const entry = required(this.byRelease, benefitKey(interventionId, releaseId), 'capacity release');
    entry.positions.push(movementRow.position);
    if (movementRow.kind === 'cash-released') entry.use.cashReleasedPence += movementRow.amount_pence ?? 0;
    else if (movementRow.kind === 'reinvested')
      entry.use.reinvestments.push({ quantity: movementRow.quantity_h, valuePence: movementRow.amount_pence });
    else entry.use.harvested[movementRow.kind as keyof CapacityUse['harvested']] += movementRow.quantity_h;
  }

  /** Each benefit's positions: its releases in order, each with its movements. */
  finish(releases: readonly ReleaseRow[]): Map<string, BenefitUse> {
    for (const releaseRow of releases) {
      const release = required(
        this.byRelease,
        benefitKey(releaseRow.intervention_id, releaseRow.release_id),
        'capacity release',
      );
      required(
        this.uses,
        benefitKey(releaseRow.intervention_id, releaseRow.benefit_id),
        'released benefit',
      ).positions.push(...release.positions);
    }
    return this.uses;
  }
}

/** A few benefits: their releases, each with its movements, looked up by index in one statement. */
function usesLookedUp(
  db: Database.Database,
  cutoff: Cutoff,
  benefits: readonly { intervention_id: string; benefit_id: string }[],
): Map<string, BenefitUse> {
  const rows = db
    .prepare(
      `SELECT r.intervention_id, r.benefit_id, r.release_id, r.position, m.kind, m.quantity_h, m.amount_pence, m.position AS movement_position
      FROM json_each(@keys) j
      CROSS JOIN capacity_releases r ON r.intervention_id = j.value ->> 0 AND r.benefit_id = j.value ->> 1
      LEFT JOIN capacity_movements m ON m.intervention_id = r.intervention_id AND m.release_id = r.release_id AND ${within('m')}
     WHERE ${within('r')} ORDER BY r.position, m.position`,
    )
    .all({
      ...cutoffParams(cutoff),
      keys: JSON.stringify(benefits.map((b) => [b.intervention_id, b.benefit_id])),
    }) as (ReleaseRow & {
    kind: string | null;
    quantity_h: number;
    amount_pence: number | null;
    movement_position: number | null;
  })[];
  const builder = new UsesBuilder();
  const releases: ReleaseRow[] = [];
  for (const row of rows) {
    if (releases.length === 0 || releases[releases.length - 1].position !== row.position) {
      releases.push(row);
      builder.release(row);
    }
    // a release nothing has been done with yet has one row, with no movement
    if (row.kind !== null && row.movement_position !== null) {
      builder.movement(row.intervention_id, row.release_id, {
        kind: row.kind,
        quantity_h: row.quantity_h,
        amount_pence: row.amount_pence,
        position: row.movement_position,
      });
    }
  }
  return builder.finish(releases);
}
