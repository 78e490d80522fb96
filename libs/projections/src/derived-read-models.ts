import Database from 'better-sqlite3';
import { STREAM_PREFIXES } from '@benefit-ledger/domain';
import { BenefitRealisationsWriter } from './benefit-realisations';
import { FlowPartsWriter } from './flow-parts';

/**
 * validated_benefits' rows: a validation joined to its claim. One definition for one validation (live) and for all
 * (bulk); OR REPLACE because the derived file may hold an event's rows already when the figures' file does not.
 */
const VALIDATED_BENEFITS_SQL = `INSERT OR REPLACE INTO validated_benefits (landing_organisation_id, financial_year, intervention_id, benefit_id, benefit_type, lens,
    recurrence, validated_value_pence, claim_position, position, validated_quantity_h)
  SELECT b.landing_organisation_id, b.financial_year, b.intervention_id, b.benefit_id, b.benefit_type, b.lens, b.recurrence,
         d.validated_value_pence, b.position, d.position,
         COALESCE(d.validated_quantity_h,
           (SELECT r.quantity_h FROM benefit_revisions r WHERE r.intervention_id = d.intervention_id AND r.benefit_id = d.benefit_id AND r.position < d.position
             ORDER BY r.position DESC LIMIT 1),
           b.quantity_h, 0)
    FROM benefit_decisions d JOIN benefits b ON b.intervention_id = d.intervention_id AND b.benefit_id = d.benefit_id
   WHERE d.decision = 'validated'`;

// the facts' own prefix: costs and validations are facts of intervention streams
const INTERVENTION_PREFIX = STREAM_PREFIXES.intervention;

export type DerivedTable = 'validated_benefits' | 'flow_parts' | 'benefit_realisations';

/** The events after which an intervention's capacity benefits' realisations are derived again. */
const REALISATION_EVENTS = new Set([
  'BenefitValidated',
  'CapacityReleased',
  'CapacityHarvested',
  'CashReleased',
  'CapacityReinvested',
]);

/**
 * The read models derived from the facts rather than from one event: validated_benefits, flow_parts and
 * benefit_realisations. Kept in step with each event (live), or built once, in key order, after a bulk load (rebuild).
 */
export class DerivedReadModels {
  static readonly TABLES: readonly DerivedTable[] = ['validated_benefits', 'flow_parts', 'benefit_realisations'];
  /** The facts flow_parts are derived from (benefit_realisations also reads the capacity facts: built after them). */
  static readonly SOURCES = ['costs', 'benefits', 'benefit_revisions', 'benefit_decisions'] as const;
  private readonly flowParts: FlowPartsWriter;
  private readonly realisations: BenefitRealisationsWriter;
  private readonly validation: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.flowParts = new FlowPartsWriter(db);
    this.realisations = new BenefitRealisationsWriter(db);
    this.validation = db.prepare(`${VALIDATED_BENEFITS_SQL} AND d.position = ?`);
  }

  /**
   * After a batch of events' facts are applied (live): each validation joined to its claim, then each intervention
   * with a new validation derived again, once however many it had in the batch, and each with only new costs given
   * a version per cost; and each with a new validation or capacity event, its realisations.
   */
  afterEvents(events: readonly { type: string; streamId: string; position: number }[]): void {
    const validated = new Set<string>();
    const costs = new Map<string, number[]>();
    const realised = new Set<string>();
    for (const event of events) {
      if (!event.streamId.startsWith(INTERVENTION_PREFIX)) continue;
      if (event.type === 'BenefitValidated') this.validation.run(event.position);
      const interventionId = event.streamId.slice(INTERVENTION_PREFIX.length);
      if (event.type === 'BenefitValidated') validated.add(interventionId);
      if (event.type === 'CostRecorded') {
        const positions = costs.get(interventionId) ?? [];
        positions.push(event.position);
        costs.set(interventionId, positions);
      }
      if (REALISATION_EVENTS.has(event.type)) realised.add(interventionId);
    }
    // a new validation: the intervention's parts derived again; only new costs: a version added to each benefit
    for (const interventionId of validated) this.flowParts.refresh(interventionId);
    for (const [interventionId, positions] of costs)
      if (!validated.has(interventionId))
        this.flowParts.afterCosts(
          interventionId,
          positions.sort((a, b) => a - b),
        );
    for (const interventionId of realised) this.realisations.refresh(interventionId);
  }

  /**
   * One derived table, whole, from the facts (after a bulk load; the facts' indexes in place). In TABLES order,
   * each with its indexes before the next: flow_parts reads validated_benefits by intervention.
   */
  build(table: DerivedTable): void {
    if (table === 'flow_parts') {
      this.flowParts.refreshAll();
      return;
    }
    if (table === 'benefit_realisations') {
      this.realisations.refreshAll();
      return;
    }
    this.db.exec('DELETE FROM validated_benefits');
    this.db.prepare(`${VALIDATED_BENEFITS_SQL} ORDER BY 1, 2, 3, 4`).run();
  }
}
