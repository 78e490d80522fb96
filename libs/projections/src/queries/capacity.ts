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
export function computeCapacity(db: Database.Database, p: CapacityParams, book: FigureBook): void {
  const where = [within('r')];
  if (p.organisationId) where.push('r.landing_organisation_id = @org');
  if (p.resource) where.push('r.resource = @resource');
  if (p.financialYear) where.push('r.financial_year = @fy');
  const params = { ...cutoffParams(p.cutoff), org: p.organisationId, resource: p.resource, fy: p.financialYear };
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
  for (const r of releases) {
    const term = () => ({
      note: `release ${r.release_id} of ${r.intervention_id}: ${fromHundredths(r.quantity_h)} ${r.resource}`,
      amount: r.quantity_h,
      positions: [r.position],
    });
    book.add(capacityKey(r.landing_organisation_id, r.resource, r.financial_year, 'released'), r.quantity_h, term);
    book.add(capacityKey(r.landing_organisation_id, r.resource, r.financial_year, 'undecided'), r.quantity_h, term);
  }
  for (const m of movements) {
    const r = required(releaseOf, `${m.intervention_id}\u0000${m.release_id}`, 'capacity release of movement');
    const key = (measure: CapacityMeasure) =>
      capacityKey(r.landing_organisation_id, r.resource, r.financial_year, measure);
    const harvest = HARVEST_MEASURE[m.kind];
    if (harvest) {
      const term = (sign: number) => () => ({
        note: `${m.kind} harvest of release ${m.release_id}: ${fromHundredths(m.quantity_h)}`,
        amount: sign * m.quantity_h,
        positions: [r.position, m.position],
      });
      book.add(key(harvest), m.quantity_h, term(1));
      book.add(key('undecided'), -m.quantity_h, term(-1));
    } else if (m.kind === 'reinvested') {
      book.add(key('reinvested'), m.quantity_h, () => ({
        note: `reinvested from release ${m.release_id}: ${fromHundredths(m.quantity_h)}`,
        amount: m.quantity_h,
        positions: [r.position, m.position],
      }));
      // the value the reinvestment records (none recorded: nothing here; realised value counts it at the validated unit value)
      const recorded = m.amount_pence ?? 0;
      book.add(key('reinvested-value-pence'), recorded, () => ({
        note: `value of activity reinvested from release ${m.release_id}${m.amount_pence === null ? ' (none recorded)' : ''}`,
        amount: recorded,
        positions: [m.position],
      }));
    } else if (m.kind === 'cash-released') {
      const cash = m.amount_pence ?? 0;
      book.add(key('cash-released-pence'), cash, () => ({
        note: `cash released from release ${m.release_id}`,
        amount: cash,
        positions: [r.position, m.position],
      }));
    }
  }
}
