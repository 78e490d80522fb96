import { RecordedEvent } from '@benefit-ledger/event-store';
import { ReadModelTable } from '../read-model-schema';

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

/**
 * The rows one kind of stream contributes (pure). `entityId` is the stream id without its prefix.
 * A new kind of stream adds one file like partnership.facts.ts (or, when each event adds one row, a declaration like
 * intervention.facts.ts: see row-spec.ts) and one line in facts/index.ts.
 */
export type StreamFacts = (event: RecordedEvent, entityId: string, add: AddFact, at: FactPosition) => void;

/** The rows an event of one type contributes whatever kind of stream it is recorded on (pure). */
export type EventFacts = (event: RecordedEvent, add: AddFact, at: FactPosition) => void;
