import {
  STREAM_KINDS,
  STREAM_PREFIXES,
  StreamEvents,
  StreamKind,
  financeReportOfStream,
  streamKindOf,
} from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { AddFact, Fact, FactDecisions, FactPosition } from './fact';
import { FINANCE_REPORT_FACTS } from './finance-report.facts';
import { INTERVENTION_FACTS } from './intervention.facts';
import { ORGANISATION_FACTS } from './organisation.facts';
import { PARTNERSHIP_FACTS } from './partnership.facts';
import { PERIOD_FACTS } from './period.facts';
import { RowFacts, RowSpec, isRowSpec, rowFactOf } from './row-spec';
import { UNIT_COST_FACTS } from './unit-cost.facts';

/**
 * Per kind of stream (STREAM_PREFIXES), what the figures do with each of its event types. Typed over the domain's
 * unions (StreamEvents): a new event type, or a new kind of stream, does not compile until it is decided here.
 */
export const FIGURE_FACTS: { readonly [K in StreamKind]: FactDecisions<StreamEvents[K]> } = {
  organisation: ORGANISATION_FACTS,
  intervention: INTERVENTION_FACTS,
  partnership: PARTNERSHIP_FACTS,
  period: PERIOD_FACTS,
  financeReport: FINANCE_REPORT_FACTS,
  unitCost: UNIT_COST_FACTS,
};

/**
 * Checked before any event of the stream is folded: a finance report's id must name its organisation and year, else
 * none of its events is (each gets its unfolded_events row instead).
 */
const ENTITY_CHECKS: Partial<Record<StreamKind, (entityId: string) => unknown>> = {
  financeReport: financeReportOfStream,
};

/** Event types recorded outside the domain's streams (the API's idempotency records): never a figure. */
const NOT_DOMAIN_EVENT_TYPES: readonly string[] = ['IdempotentResponseRecorded'];

/** A fold step as the log hands events over: untyped. */
type FoldStep = (event: RecordedEvent, entityId: string, add: AddFact, at: FactPosition) => void;

/** One kind of stream's decisions by type, read without their types (they differ from type to type). */
const decisionsOf = (kind: StreamKind) => Object.entries(FIGURE_FACTS[kind] as Readonly<Record<string, unknown>>);

/**
 * By kind of stream, then event type, the fold step (row specs compiled once). Looked up by the event's stream and
 * type, so each function only ever meets the event type it was declared for: that is what the cast relies on.
 */
const FOLD_STEPS: ReadonlyMap<StreamKind, ReadonlyMap<string, FoldStep>> = new Map(
  STREAM_KINDS.map((kind) => [
    kind,
    new Map(
      decisionsOf(kind).flatMap(([type, decision]): [string, FoldStep][] =>
        decision === 'none' ? [] : [[type, isRowSpec(decision) ? rowFactOf(decision) : (decision as FoldStep)]],
      ),
    ),
  ]),
);

/** The decision one kind of stream makes for one type; undefined when the type is not one of its events. */
const decisionFor = (kind: StreamKind, type: string): unknown =>
  (FIGURE_FACTS[kind] as Readonly<Record<string, unknown>>)[type];

const addsNothing = (decision: unknown) => decision === undefined || decision === 'none';

/** The row facts of each kind of stream that declares any: a rebuild from a SQLite log has SQLite make them. */
export const ROW_FACTS: readonly RowFacts[] = STREAM_KINDS.flatMap((kind) => {
  const byType = Object.fromEntries(
    decisionsOf(kind).filter((entry): entry is [string, RowSpec] => isRowSpec(entry[1])),
  );
  // a rebuild does not fold these types at all (SQLite makes their rows): no other kind of stream may give them facts
  for (const type of Object.keys(byType)) {
    const elsewhere = STREAM_KINDS.filter((other) => other !== kind && !addsNothing(decisionFor(other, type)));
    if (elsewhere.length > 0)
      throw new Error(`facts: ${type} is a row fact of ${kind} streams and has facts on ${elsewhere.join(', ')}`);
  }
  return Object.keys(byType).length === 0 ? [] : [{ streamPrefix: STREAM_PREFIXES[kind], byType }];
});

/** The event types whose facts are declared rows. */
export const ROW_FACT_TYPES: readonly string[] = ROW_FACTS.flatMap((facts) => Object.keys(facts.byType));

/** Every event type some kind of stream declares, each once. */
const DECLARED_TYPES = [...new Set(STREAM_KINDS.flatMap((kind) => decisionsOf(kind).map(([type]) => type)))];

/**
 * Event types that add no figure facts on any kind of stream (their events still get a provenance row): a rebuild of
 * the figures skips reading them. Derived from the decisions: `'none'` wherever the type occurs.
 */
export const FACT_FREE_TYPES: readonly string[] = [
  ...DECLARED_TYPES.filter((type) => STREAM_KINDS.every((kind) => addsNothing(decisionFor(kind, type)))),
  ...NOT_DOMAIN_EVENT_TYPES,
];

/**
 * The figure facts of one event, by its stream's kind and its type (FIGURE_FACTS). An event of a stream that is not
 * the domain's, or of a type its stream's union does not have (a foreign or later writer), adds none.
 */
export function declaredFactsOf(event: RecordedEvent): Fact[] {
  const facts: Fact[] = [];
  const stream = streamKindOf(event.streamId);
  if (!stream) return facts;
  ENTITY_CHECKS[stream.kind]?.(stream.entityId);
  const step = FOLD_STEPS.get(stream.kind)?.get(event.type);
  if (step) {
    const at = { position: event.position, recorded_at: event.metadata.recordedAt };
    step(event, stream.entityId, (table, row) => facts.push({ table, row }), at);
  }
  return facts;
}
