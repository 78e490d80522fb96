import Database from 'better-sqlite3';
import { sourceNoteOf } from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { AnswerBasis, READ_EVERY_TIME } from './answer-basis';
import { FIGURE_QUERY_MODULES } from './figure-queries';
import { FigureRef } from './figure-ref';
import { Cutoff } from './query-basis';
import { eventsAt } from './read-model-reads';

/** A page of a trace's terms: `limit` terms from `offset`. */
export interface TracePage {
  offset: number;
  limit: number;
}
export const DEFAULT_TRACE_PAGE: TracePage = { offset: 0, limit: 100 };
/** Every term at once: an audit pack holds a figure's whole arithmetic, however long. */
export const WHOLE_TRACE: TracePage = { offset: 0, limit: Number.MAX_SAFE_INTEGER };

/**
 * The events behind one figure, with the arithmetic from them to the figure: `total` is the whole figure;
 * `terms` (and the events they rest on) are one page of the terms that add up to it, `page` says where. The
 * terms come from the module of the query the reference names (figure-queries.ts).
 */
export function traceFigure(
  db: Database.Database,
  ref: FigureRef,
  cutoff: Cutoff,
  page: TracePage,
  streamEvents: readonly RecordedEvent[] | null,
  basis: AnswerBasis = READ_EVERY_TIME,
) {
  const param = (name: string) => {
    const value = ref.params[name];
    return typeof value === 'string' ? value : null;
  };
  const source = FIGURE_QUERY_MODULES[ref.query].terms({ db, key: ref.key, cutoff, param, streamEvents, basis });
  const { value, count } = source.summary();
  const terms = source.page(page.offset, page.limit);
  const next = page.offset + terms.length;
  return {
    figure: { query: ref.query, parameters: ref.params, key: JSON.parse(ref.key) as unknown, value },
    arithmetic: { terms, total: value },
    page: { offset: page.offset, limit: page.limit, terms: count, nextOffset: next < count ? next : null },
    events: eventsAt(
      db,
      terms.flatMap((t) => t.positions),
    ).map((event) => ({
      eventId: event.event_id,
      streamId: event.stream_id,
      revision: event.revision,
      position: event.position,
      hash: event.hash,
      type: event.type,
      actor: { userId: event.actor_user_id, organisationId: event.actor_organisation_id, role: event.actor_role },
      recordedAt: event.recorded_at,
      correlationId: event.correlation_id,
      source: event.source_json ? (JSON.parse(event.source_json) as unknown) : null,
      // an event of a kind that takes a source but was written before one was required says so
      sourceNote: sourceNoteOf(event.type, event.source_json !== null),
    })),
  };
}
