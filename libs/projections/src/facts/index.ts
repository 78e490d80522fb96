import { RecordedEvent } from '@benefit-ledger/event-store';
import { ReadModelTable } from '../read-model-schema';
import { AddFact, EventFacts, Fact, StreamFacts } from './fact';
import { financeReportFacts } from './finance-report.facts';
import { INTERVENTION_ROWS } from './intervention.facts';
import { organisationFacts } from './organisation.facts';
import { partnershipFacts } from './partnership.facts';
import { periodFacts, restatementFacts } from './period.facts';
import { RowFacts, rowFactTables, rowsFromSqliteLogSql, streamFacts } from './row-spec';

export * from './fact';
export * from './provenance';

/** Which facts each kind of stream contributes, by stream-id prefix. A new kind of stream adds one line. */
const STREAM_FACTS: [prefix: string, facts: StreamFacts][] = [
  ['organisation-', organisationFacts],
  [INTERVENTION_ROWS.streamPrefix, streamFacts(INTERVENTION_ROWS)],
  ['partnership-', partnershipFacts],
  ['period-', periodFacts],
  ['finance-report-', financeReportFacts],
];

/**
 * Row facts declared column by column (row-spec.ts), which a rebuild from an embedded SQLite log has SQLite make
 * (FIGURES_FROM_SQLITE_LOG) rather than folding their events one by one. Their event types add facts on no other
 * kind of stream (tested), so such a rebuild need not read them at all (ROW_FACT_TYPES).
 */
const ROW_FACTS: readonly RowFacts[] = [INTERVENTION_ROWS];

/** The tables the row facts fill, each by one kind of stream. */
export const ROW_FACT_TABLES: readonly ReadModelTable[] = ROW_FACTS.flatMap(rowFactTables);

/** By table, the statement that fills it with its row facts from a SQLite log attached as `log`, up to `@upTo`. */
export const FIGURES_FROM_SQLITE_LOG: Partial<Record<ReadModelTable, string>> = Object.fromEntries(
  ROW_FACTS.flatMap((facts) => rowFactTables(facts).map((table) => [table, rowsFromSqliteLogSql(facts, table)])));

/** The event types whose facts FIGURES_FROM_SQLITE_LOG makes. */
export const ROW_FACT_TYPES: readonly string[] = ROW_FACTS.flatMap((facts) => Object.keys(facts.byType));

/** Facts of event types that may be recorded on several kinds of stream. */
const EVENT_FACTS: [type: string, facts: EventFacts][] = [
  ['RestatementRecorded', restatementFacts],
];

/** Event types that add no figure facts (their events still get a provenance row): a rebuild of the figures skips reading them. */
export const FACT_FREE_TYPES: readonly string[] = ['InterventionDecisionRecorded', 'MeasurementRecorded', 'BenefitRevised', 'IdempotentResponseRecorded'];

/**
 * The projection's fold step, pure: one recorded event -> the rows it adds to the figures' read models.
 * Unknown streams and event types add none.
 */
export function figureFactsOf(event: RecordedEvent): Fact[] {
  const facts: Fact[] = [];
  const add: AddFact = (table, row) => facts.push({ table, row });
  const at = { position: event.position, recorded_at: event.metadata.recordedAt };
  const kind = STREAM_FACTS.find(([prefix]) => event.streamId.startsWith(prefix));
  if (kind) {
    const [prefix, streamFacts] = kind;
    streamFacts(event, event.streamId.slice(prefix.length), add, at);
  }
  for (const [type, eventFacts] of EVENT_FACTS) if (event.type === type) eventFacts(event, add, at);
  return facts;
}


