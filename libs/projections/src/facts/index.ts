import { MAX_PENCE_PER_FIGURE, figureProblem } from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { ReadModelTable } from '../read-model-schema';
import { Fact } from './fact';
import { ROW_FACTS, declaredFactsOf } from './fact-registry';
import { rowFactEventsSql } from './row-fact-events';
import { rowFactTables, rowsFromSqliteLogSql, unfoldedFromSqliteLogSql } from './row-spec';

export * from './fact';
export * from './provenance';
export { FACT_FREE_TYPES, FIGURE_FACTS, ROW_FACT_TYPES } from './fact-registry';

/**
 * Row facts (declared column by column, row-spec.ts) are made by SQLite in a rebuild from an embedded SQLite log
 * (FIGURES_FROM_SQLITE_LOG) rather than by folding their events one by one. Their event types add facts on no other
 * kind of stream (checked in fact-registry.ts, and tested), so such a rebuild need not read them at all (ROW_FACT_TYPES).
 */

/** The tables the row facts fill, each by one kind of stream. */
export const ROW_FACT_TABLES: readonly ReadModelTable[] = ROW_FACTS.flatMap(rowFactTables);

/** By table, the statement that fills it with its row facts from a SQLite log attached as `log`, up to `@upTo`. */
export const FIGURES_FROM_SQLITE_LOG: Partial<Record<ReadModelTable, string>> = Object.fromEntries(
  ROW_FACTS.flatMap((facts) => rowFactTables(facts).map((table) => [table, rowsFromSqliteLogSql(facts, table)])),
);

/** The statements that index the log's row-fact events for those statements (row-fact-events.ts), run first, once. */
export const ROW_FACT_EVENTS_FROM_SQLITE_LOG = rowFactEventsSql(
  Object.fromEntries(
    ROW_FACTS.flatMap((facts) => Object.entries(facts.byType).map(([type, spec]) => [type, spec.table])),
  ),
);

/** The statement that records, from a SQLite log, the events of row facts those statements noted as left out for a money figure beyond the ceiling. */
export const UNFOLDED_FROM_SQLITE_LOG: string = unfoldedFromSqliteLogSql(ROW_FACTS, moneyFigureReason);

/**
 * The projection's fold step, pure: one recorded event -> the rows it adds to the figures' read models, as its
 * stream's declaration says (fact-registry.ts). An event whose facts cannot be made, or carry a money figure that is
 * not whole pence within the ceiling, adds none of them: only its row in unfolded_events, so the projection never
 * stops on a stored event and its totals stay exact.
 */
export function figureFactsOf(event: RecordedEvent): Fact[] {
  let facts: Fact[];
  try {
    facts = declaredFactsOf(event);
  } catch (error) {
    return [unfolded(event, `its facts could not be made: ${error instanceof Error ? error.message : String(error)}`)];
  }
  for (const fact of facts) {
    for (const [column, value] of Object.entries(fact.row)) {
      if (column.endsWith('_pence') && figureProblem(value) !== null)
        return [unfolded(event, moneyFigureReason(column))];
    }
  }
  return facts;
}

/**
 * Why an event is not folded when a money figure of its facts is not whole pence within the ceiling (figureProblem):
 * the same words whichever way the facts are made (rowsFromSqliteLogSql too), so both give the same table.
 */
export function moneyFigureReason(column: string): string {
  return `${column} is not a whole number of pence from 0 to ${MAX_PENCE_PER_FIGURE} (the ceiling per figure)`;
}

/** The one fact of an event the figures cannot fold: what and why, by position (unfolded_events). */
function unfolded(event: RecordedEvent, reason: string): Fact {
  return {
    table: 'unfolded_events',
    row: {
      position: event.position,
      stream_id: event.streamId,
      type: event.type,
      reason,
      recorded_at: event.metadata.recordedAt,
    },
  };
}
