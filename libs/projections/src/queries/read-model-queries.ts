import { RecordedEvent } from '@benefit-ledger/event-store';
import { ReadModelStore } from '../read-model-store';
import { AnswerBasis, AnswerBasisCache } from './answer-basis';
import { CapacityParams } from './capacity';
import { capacityQuery } from './capacity.query';
import { FigureRef, decodeFigureRef } from './figure-ref';
import { DEFAULT_TRACE_PAGE, TracePage, traceFigure } from './figure-trace';
import { InterventionValueParams } from './intervention-value';
import { interventionValueQuery } from './intervention-value.query';
import { OrganisationValueParams } from './organisation-value';
import { organisationValueQuery } from './organisation-value.query';
import { AttributionParams } from './partnership-attribution';
import { partnershipAttributionQuery } from './partnership-attribution.query';
import { Cutoff, positionAt } from './query-basis';
import { ReconciliationParams } from './reconciliation';
import { reconciliationQuery } from './reconciliation.query';
import { SystemFlowsParams } from './system-flows';
import { systemFlowsQuery } from './system-flows.query';

// what this module always exported: the answers' figures and the trace's pages
export { Figure, QuantityFigure, basisOf, cutoffParamsOf, figureMaker } from './figures';
export { DEFAULT_TRACE_PAGE, TracePage, WHOLE_TRACE } from './figure-trace';

/**
 * The read-model queries of docs/design.md#the-arithmetic and their trace. Each query is a module of its own
 * (answer, figures and the terms of each figure; registered in figure-queries.ts); this class runs each in one
 * read transaction, a consistent snapshot, at the cutoff it is given.
 */
export class ReadModelQueries {
  /** What answers read and their traces read again (answer-basis.ts), kept until the read models move on. */
  private readonly bases = new AnswerBasisCache();

  constructor(private readonly readModels: ReadModelStore) {}

  /** For an answer: keeps what it reads. Called inside a read, so the checkpoint is the snapshot's. */
  private answerBasis(): AnswerBasis {
    return this.bases.forAnswer(this.readModels.checkpoint());
  }

  /** For a trace: reads what its answer kept. Called inside a read, so the checkpoint is the snapshot's. */
  private traceBasis(): AnswerBasis {
    return this.bases.forTrace(this.readModels.checkpoint());
  }

  /** The cutoff for a query: the log as known at an instant, or pinned to what has been applied now. */
  cutoff(asAt: string | null): Cutoff {
    return asAt
      ? { asAt, upTo: positionAt(this.readModels.db, asAt) }
      : { asAt: null, upTo: this.readModels.checkpoint() };
  }

  /** The cutoff a figure reference pinned (references from before positions were pinned resolve their instant). */
  private cutoffOf(params: FigureRef['params']): Cutoff {
    const asAt = typeof params.asAt === 'string' ? params.asAt : null;
    if (typeof params.upTo === 'number') return { asAt, upTo: params.upTo };
    return this.cutoff(asAt);
  }

  systemFlows(params: SystemFlowsParams) {
    return this.readModels.read((db) => systemFlowsQuery.answer(db, params, this.answerBasis()));
  }

  organisationValue(params: OrganisationValueParams) {
    return this.readModels.read((db) => organisationValueQuery.answer(db, params, this.answerBasis()));
  }

  capacity(params: CapacityParams) {
    return this.readModels.read((db) => capacityQuery.answer(db, params));
  }

  partnershipAttribution(params: AttributionParams) {
    return this.readModels.read((db) => partnershipAttributionQuery.answer(db, params));
  }

  reconciliation(params: ReconciliationParams) {
    return this.readModels.read((db) => reconciliationQuery.answer(db, params));
  }

  /**
   * One intervention's value as at the cutoff, from its stream's events (intervention-value.query.ts). Every figure
   * carries a reference /trace accepts (give it the same stream).
   */
  interventionValue(params: InterventionValueParams, streamEvents: readonly RecordedEvent[]) {
    return interventionValueQuery.answer(params, streamEvents);
  }

  /**
   * The stored events the figures could not fold (unfolded_events), in log order: each left out of every figure,
   * named by position with the reason, so that an auditor sees what the totals do not count.
   */
  unfoldedEvents(): { position: number; streamId: string; type: string; reason: string; recordedAt: string }[] {
    return this.readModels.read(
      (db) =>
        db
          .prepare(
            `SELECT position, stream_id AS streamId, type, reason, recorded_at AS recordedAt
      FROM unfolded_events ORDER BY position`,
          )
          .all() as { position: number; streamId: string; type: string; reason: string; recordedAt: string }[],
    );
  }

  /** Decodes a figure reference (400 if it is not one). */
  decode(text: string): FigureRef {
    return decodeFigureRef(text);
  }

  /** The events behind one figure and one page of the arithmetic to it (figure-trace.ts), at the cutoff it pinned. */
  trace(ref: FigureRef, page: TracePage = DEFAULT_TRACE_PAGE, streamEvents: readonly RecordedEvent[] | null = null) {
    return this.readModels.read((db) =>
      traceFigure(db, ref, this.cutoffOf(ref.params), page, streamEvents, this.traceBasis()),
    );
  }
}
