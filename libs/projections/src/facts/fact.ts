import { EventShape, ReadEvent } from '@benefit-ledger/event-store';
import { ReadModelTable } from '../read-model-schema';
import { RowSpec } from './row-spec';

/** One row an event adds to one read model. */
export interface Fact {
  table: ReadModelTable;
  row: Record<string, string | number | null>;
}

/** Where an event sits in the log: every fact row carries it, for as-at cutoffs and provenance. */
export interface FactPosition {
  position: number;
  recorded_at: string;
}

/** Adds one row to a read model. */
export type AddFact = (table: ReadModelTable, row: Fact['row']) => void;

/** The rows one event adds (pure), typed as its event. `entityId` is the stream id without its prefix. */
export type EventFacts<E extends EventShape> = (
  event: ReadEvent<E>,
  entityId: string,
  add: AddFact,
  at: FactPosition,
) => void;

/**
 * What the figures do with events of one type: rows made by a function (EventFacts), the one row a RowSpec declares
 * column by column (which a rebuild from a SQLite log has SQLite make: row-spec.ts), or explicitly nothing (`'none'`:
 * the event still gets its provenance row, and a rebuild of the figures need not read it).
 */
export type FactDecision<E extends EventShape> = EventFacts<E> | RowSpec | 'none';

/**
 * A decision for every event type of one kind of stream's union (StreamEvents in libs/domain): an event type added to
 * the domain does not compile until its stream's declaration (facts/*.facts.ts) says what the figures do with it.
 */
export type FactDecisions<E extends EventShape> = {
  readonly [T in E['type']]: FactDecision<Extract<E, { type: T }>>;
};
