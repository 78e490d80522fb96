import Database from 'better-sqlite3';
import { fromHundredths } from '@benefit-ledger/domain';
import { FigureBook } from './figure-book';
import { Cutoff, cutoffParams, within } from './query-basis';
import { required } from '../required';

export interface CapacityParams {
  organisationId: string | null;
  resource: string | null;
  financialYear: string | null;
  cutoff: Cutoff;
}

export const CAPACITY_MEASURES = [
  'released',
  'harvested-cash',
  'harvested-reinvest',
  'unharvested',
  'undecided',
  'reinvested',
  'cash-released-pence',
  'reinvested-value-pence',
] as const;
export type CapacityMeasure = (typeof CAPACITY_MEASURES)[number];
export const capacityKey = (
  organisationId: string,
  resource: string,
  financialYear: string,
  measure: CapacityMeasure,
) => JSON.stringify([organisationId, resource, financialYear, measure]);

const HARVEST_MEASURE: Partial<Record<string, CapacityMeasure>> = {
  'cash-release': 'harvested-cash',
  reinvest: 'harvested-reinvest',
  unharvested: 'unharvested',
};

/**
 * Capacity per landing organisation, resource and financial year (docs/design.md#the-arithmetic): released, harvested as cash,
 * for reinvestment, left unharvested, still undecided; reinvestment done; cash released and the value of the
 * reinvested activity. Quantities are kept in hundredths so that they add up exactly.
 */
export function computeCapacity(db: Database.Database, query: CapacityParams, book: FigureBook): void {
  const where = [within('r')];
  if (query.organisationId) where.push('r.landing_organisation_id = @org');
  if (query.resource) where.push('r.resource = @resource');
  if (query.financialYear) where.push('r.financial_year = @fy');
  const params = {
    ...cutoffParams(query.cutoff),
    org: query.organisationId,
    resource: query.resource,
    fy: query.financialYear,
  };
  const releases = db
    .prepare(
      `SELECT r.intervention_id, r.release_id, r.resource, r.quantity_h, r.landing_organisation_id, r.financial_year, r.position
    FROM capacity_releases r WHERE ${where.join(' AND ')} ORDER BY r.position`,
    )
    .all(params) as {
    intervention_id: string;
    release_id: string;
    resource: string;
    quantity_h: number;
    landing_organisation_id: string;
    financial_year: string;
    position: number;
  }[];
  const movements = db
    .prepare(
      `SELECT m.intervention_id, m.release_id, m.kind, m.quantity_h, m.amount_pence, m.position
    FROM capacity_movements m JOIN capacity_releases r ON r.intervention_id = m.intervention_id AND r.release_id = m.release_id
    WHERE ${within('m')} AND ${where.join(' AND ')} ORDER BY m.position`,
    )
    .all(params) as {
    intervention_id: string;
    release_id: string;
    kind: string;
    quantity_h: number;
    amount_pence: number | null;
    position: number;
  }[];

  const releaseOf = new Map(releases.map((r) => [`${r.intervention_id}\u0000${r.release_id}`, r]));
  for (const release of releases) {
    const term = () => ({
      note: `release ${release.release_id} of ${release.intervention_id}: ${fromHundredths(release.quantity_h)} ${release.resource}`,
      amount: release.quantity_h,
      positions: [release.position],
    });
    book.add(
      capacityKey(release.landing_organisation_id, release.resource, release.financial_year, 'released'),
      release.quantity_h,
      term,
    );
    book.add(
      capacityKey(release.landing_organisation_id, release.resource, release.financial_year, 'undecided'),
      release.quantity_h,
      term,
    );
  }
  for (const movement of movements) {
    const release = required(
      releaseOf,
      `${movement.intervention_id}\u0000${movement.release_id}`,
      'capacity release of movement',
    );
    const key = (measure: CapacityMeasure) =>
      capacityKey(release.landing_organisation_id, release.resource, release.financial_year, measure);
    const harvest = HARVEST_MEASURE[movement.kind];
    if (harvest) {
      const term = (sign: number) => () => ({
        note: `${movement.kind} harvest of release ${movement.release_id}: ${fromHundredths(movement.quantity_h)}`,
        amount: sign * movement.quantity_h,
        positions: [release.position, movement.position],
      });
      book.add(key(harvest), movement.quantity_h, term(1));
      book.add(key('undecided'), -movement.quantity_h, term(-1));
    } else if (movement.kind === 'reinvested') {
      book.add(key('reinvested'), movement.quantity_h, () => ({
        note: `reinvested from release ${movement.release_id}: ${fromHundredths(movement.quantity_h)}`,
        amount: movement.quantity_h,
        positions: [release.position, movement.position],
      }));
      // the value the reinvestment records (none recorded: nothing here; realised value counts it at the validated unit value)
      const recorded = movement.amount_pence ?? 0;
      book.add(key('reinvested-value-pence'), recorded, () => ({
        note: `value of activity reinvested from release ${movement.release_id}${movement.amount_pence === null ? ' (none recorded)' : ''}`,
        amount: recorded,
        positions: [movement.position],
      }));
    } else if (movement.kind === 'cash-released') {
      const cash = movement.amount_pence ?? 0;
      book.add(key('cash-released-pence'), cash, () => ({
        note: `cash released from release ${movement.release_id}`,
        amount: cash,
        positions: [release.position, movement.position],
      }));
    }
  }
}
