import Database from 'better-sqlite3';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { FigureQuery } from './figure-ref';
import { AnswerBasis } from './answer-basis';
import { Cutoff } from './query-basis';
import { TermSource } from './term-sources';

/** What a trace asks a query for: the terms of one figure of an answer it gave. */
export interface FigureTermsRequest {
  db: Database.Database;
  /** The figure's key within the query's figures. */
  key: string;
  /** The cutoff the reference pinned. */
  cutoff: Cutoff;
  /** A string parameter of the reference (null when absent). */
  param: (name: string) => string | null;
  /** The intervention's stream, for a figure of an intervention's value (read by the caller). */
  streamEvents: readonly RecordedEvent[] | null;
  /** What the answer read and kept (its sums, counts), for the trace to read once rather than per figure. */
  basis: AnswerBasis;
}

/**
 * One query whose figures can be traced, in one module: its answer (each figure with a reference) and the terms of
 * any figure it gave (term-sources.ts). The trace finds the module by the query a reference names (figure-queries.ts).
 */
export interface FigureQueryModule<Q extends FigureQuery = FigureQuery> {
  query: Q;
  /** The answer, each figure {pence, ref} (parameters vary by query). */
  answer: (...args: never[]) => unknown;
  terms: (request: FigureTermsRequest) => TermSource;
}
