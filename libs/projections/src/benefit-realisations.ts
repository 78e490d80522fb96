import Database from 'better-sqlite3';
import { CapacityUse, Realisation, realiseBenefit } from '@benefit-ledger/domain';
import { READ_MODEL_TABLES, columnName } from './read-model-schema';

/**
 * What each validated capacity benefit realised (docs/value-and-realisation.md), kept as versions like flow_parts:
 * realiseBenefit over its releases and their movements as they stood from one log position (the validation, then
 * each release or movement of the benefit) until the next. So a report over thousands of benefits sums the
 * version in force at its cutoff in SQL instead of reading every release and realising every benefit per query.
 * Any other type is realised at its validated value, which validated_benefits already sums.
 */

/** One row of benefit_realisations (read-model-schema.ts). */
export interface BenefitRealisationRow {
  financial_year: string;
  landing_organisation_id: string;
  intervention_id: string;
  benefit_id: string;
  valid_from: number;
  valid_to: number | null;
  validated_pence: number;
  realised_pence: number;
  cash_pence: number;
  reinvested_pence: number;
  awaiting_reinvestment_pence: number;
  cash_not_released_pence: number;
  reinvested_below_value_pence: number;
  unharvested_pence: number;
  undecided_pence: number;
  beyond_limits_pence: number;
}

/** A validated capacity benefit, as validated_benefits holds it. */
interface ValidatedCapacity {
  intervention_id: string;
  benefit_id: string;
  landing_organisation_id: string;
  financial_year: string;
  validated_value_pence: number;
  validated_quantity_h: number;
  position: number;
}

/** A release (kind null) or a movement of one, in log order. */
interface CapacityEvent {
  intervention_id: string;
  benefit_id: string;
  release_id: string;
  kind: string | null;
  quantity_h: number;
  amount_pence: number | null;
  position: number;
}

const COLUMNS = READ_MODEL_TABLES.benefit_realisations.columns.map(columnName) as (keyof BenefitRealisationRow)[];

const VALIDATED_SQL = `SELECT intervention_id, benefit_id, landing_organisation_id, financial_year, validated_value_pence,
  validated_quantity_h, position FROM validated_benefits WHERE benefit_type = 'capacity'`;
const RELEASES_SQL = 'SELECT intervention_id, benefit_id, release_id, quantity_h, position FROM capacity_releases';
const MOVEMENTS_SQL =
  'SELECT intervention_id, release_id, kind, quantity_h, amount_pence, position FROM capacity_movements';

/**
 * The capacity events of every benefit (or one intervention's), each benefit's in log order: releases and movements
 * read apart, each in one pass (a join and a sort of every movement cost three times as much on a large log).
 */
function capacityEventsByBenefit(
  releases: Database.Statement,
  movements: Database.Statement,
  params: unknown[],
): Map<string, CapacityEvent[]> {
  const benefitOfRelease = new Map<string, string>();
  const byBenefit = new Map<string, CapacityEvent[]>();
  const push = (key: string, event: CapacityEvent) => {
    const own = byBenefit.get(key);
    if (own) own.push(event);
    else byBenefit.set(key, [event]);
  };
  for (const release of releases.all(...params) as Omit<CapacityEvent, 'kind' | 'amount_pence'>[]) {
    const key = benefitKey(release.intervention_id, release.benefit_id);
    benefitOfRelease.set(benefitKey(release.intervention_id, release.release_id), key);
    push(key, { ...release, kind: null, amount_pence: null });
  }
  for (const movement of movements.all(...params) as Omit<CapacityEvent, 'benefit_id'>[]) {
    const key = benefitOfRelease.get(benefitKey(movement.intervention_id, movement.release_id));
    // a movement of a release not recorded: capacityUses would not count it either
    if (key !== undefined) push(key, { ...movement, benefit_id: '' });
  }
  for (const events of byBenefit.values()) events.sort((a, b) => a.position - b.position);
  return byBenefit;
}

const benefitKey = (interventionId: string, id: string) => `${interventionId}\u0000${id}`;

/** A release's use, as realiseBenefit reads it, built up one event at a time. */
const emptyUse = (): CapacityUse & { reinvestments: { quantity: number; valuePence: number | null }[] } => ({
  harvested: { 'cash-release': 0, reinvest: 0, unharvested: 0 },
  cashReleasedPence: 0,
  reinvestments: [],
});

/** The row of one version, from the benefit's realisation. */
function rowOf(
  benefit: ValidatedCapacity,
  from: number,
  to: number | null,
  realisation: Realisation,
): BenefitRealisationRow {
  return {
    financial_year: benefit.financial_year,
    landing_organisation_id: benefit.landing_organisation_id,
    intervention_id: benefit.intervention_id,
    benefit_id: benefit.benefit_id,
    valid_from: from,
    valid_to: to,
    validated_pence: realisation.validatedPence,
    realised_pence: realisation.realisedPence,
    cash_pence: realisation.cashPence,
    reinvested_pence: realisation.realised.reinvestedPence,
    awaiting_reinvestment_pence: realisation.realised.awaitingReinvestmentPence,
    cash_not_released_pence: realisation.notRealised.cashNotReleasedPence,
    reinvested_below_value_pence: realisation.notRealised.reinvestedBelowValuePence,
    unharvested_pence: realisation.notRealised.unharvestedPence,
    undecided_pence: realisation.notRealised.undecidedPence,
    beyond_limits_pence: realisation.recordedBeyondLimitsPence,
  };
}

/**
 * Every version of one benefit's realisation, pure: `events` are its releases and their movements in log order.
 * The first version starts at the validation (counting whatever was recorded before it), each later event of the
 * benefit that changes a figure starts the next.
 */
export function realisationVersions(
  benefit: ValidatedCapacity,
  events: readonly CapacityEvent[],
): BenefitRealisationRow[] {
  const releases = new Map<string, ReturnType<typeof emptyUse>>();
  const apply = (event: CapacityEvent) => {
    if (event.kind === null) {
      releases.set(event.release_id, emptyUse());
      return;
    }
    const use = releases.get(event.release_id);
    if (!use) return; // a movement of a release not yet recorded: capacityUses would not count it either
    if (event.kind === 'cash-released') use.cashReleasedPence += event.amount_pence ?? 0;
    else if (event.kind === 'reinvested')
      use.reinvestments.push({ quantity: event.quantity_h, valuePence: event.amount_pence });
    else use.harvested[event.kind as keyof CapacityUse['harvested']] += event.quantity_h;
  };
  const realise = () =>
    realiseBenefit({
      benefitType: 'capacity',
      validatedValuePence: benefit.validated_value_pence,
      validatedQuantity: benefit.validated_quantity_h,
      releases: [...releases.values()],
    });
  let applied = 0;
  for (; applied < events.length && events[applied].position <= benefit.position; applied++) apply(events[applied]);
  const starts = [benefit.position, ...events.slice(applied).map((e) => e.position)];
  const rows: BenefitRealisationRow[] = [];
  starts.forEach((start, version) => {
    if (version > 0) apply(events[applied + version - 1]);
    const row = rowOf(benefit, start, version + 1 < starts.length ? starts[version + 1] : null, realise());
    // an event that changes no figure (a release, say) extends the version in force instead of starting one
    const last = rows.at(-1);
    if (last && FIGURE_COLUMNS.every((column) => last[column] === row[column])) last.valid_to = row.valid_to;
    else rows.push(row);
  });
  return rows;
}

/** The columns of a version's figures (every column after valid_to). */
const FIGURE_COLUMNS = COLUMNS.slice(COLUMNS.indexOf('valid_to') + 1);

/**
 * The fact tables a rebuild's worker thread needs, beside validated_benefits (flow-parts.ts FLOW_PART_INPUTS), to derive
 * benefit_realisations in a file of its own: copied there with every index they have (refreshAll reads them by
 * intervention).
 */
export const REALISATION_INPUTS = ['capacity_releases', 'capacity_movements'] as const;

/** Interventions derived per page of a rebuild's derivation. */
const DERIVE_PAGE = 2000;

const insertSql = `INSERT INTO benefit_realisations (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

/** Derives each benefit's versions, in the order of `validated` (each benefit's versions in valid_from order). */
function deriveAll(
  validated: readonly ValidatedCapacity[],
  events: Map<string, CapacityEvent[]>,
  write: (row: BenefitRealisationRow) => void,
): void {
  for (const benefit of validated)
    for (const row of realisationVersions(
      benefit,
      events.get(benefitKey(benefit.intervention_id, benefit.benefit_id)) ?? [],
    ))
      write(row);
}

/** Keeps benefit_realisations in step with the facts: one intervention again (live), or every one (rebuild). */
export class BenefitRealisationsWriter {
  private readonly insert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly validatedOf: Database.Statement;
  private readonly releasesOf: Database.Statement;
  private readonly movementsOf: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(insertSql);
    this.remove = db.prepare('DELETE FROM benefit_realisations WHERE intervention_id = ?');
    this.validatedOf = db.prepare(`${VALIDATED_SQL} AND intervention_id = ?`);
    this.releasesOf = db.prepare(`${RELEASES_SQL} WHERE intervention_id = ?`);
    this.movementsOf = db.prepare(`${MOVEMENTS_SQL} WHERE intervention_id = ?`);
  }

  /** Derives one intervention's versions again. */
  refresh(interventionId: string): void {
    this.remove.run(interventionId);
    const validated = this.validatedOf.all(interventionId) as ValidatedCapacity[];
    if (validated.length === 0) return;
    const events = capacityEventsByBenefit(this.releasesOf, this.movementsOf, [interventionId]);
    deriveAll(validated, events, (row) => this.insert.run(COLUMNS.map((c) => row[c])));
  }

  /**
   * Derives every version from scratch (the facts complete and indexed), a page of interventions at a time, each
   * page read before it is written: a million-event log has a hundred thousand capacity events, and holding them
   * (or staging the versions to sort them) raised a rebuild's peak memory. Written in intervention order, not in
   * key order: the table is small beside flow_parts.
   */
  refreshAll(): void {
    this.db.exec('DELETE FROM benefit_realisations');
    const nextInterventions = this.db
      .prepare(`SELECT DISTINCT intervention_id FROM validated_benefits WHERE intervention_id > ? ORDER BY 1 LIMIT ?`)
      .pluck();
    const between = 'WHERE intervention_id BETWEEN ? AND ?';
    const validatedIn = this.db.prepare(`${VALIDATED_SQL} AND intervention_id BETWEEN ? AND ?`);
    const releasesIn = this.db.prepare(`${RELEASES_SQL} ${between}`);
    const movementsIn = this.db.prepare(`${MOVEMENTS_SQL} ${between}`);
    for (let after = ''; ;) {
      const ids = nextInterventions.all(after, DERIVE_PAGE) as string[];
      if (ids.length === 0) return;
      const range = [ids[0], ids[ids.length - 1]];
      const validated = validatedIn.all(...range) as ValidatedCapacity[];
      const events = capacityEventsByBenefit(releasesIn, movementsIn, range);
      deriveAll(validated, events, (row) => this.insert.run(COLUMNS.map((c) => row[c])));
      after = range[1];
    }
  }
}
