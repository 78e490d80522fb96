import { ApiProperty } from '@nestjs/swagger';
import { FIGURE_QUERIES, FigureQuery } from '@benefit-ledger/projections';
import { RecordedActor } from '../../http/responses/actor.response';
import { RecordedSource } from '../../http/responses/recorded-source.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { TraceAnswer } from '../../http/query-answers';

/** The figure traced: the query it is from, that query's parameters, its key there and its value. */
export class TracedFigure {
  @ApiProperty({ enum: FIGURE_QUERIES })
  query: FigureQuery;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string', nullable: true }, { type: 'number' }] },
    description: 'the query parameters, as the reference pinned them',
  })
  parameters: Record<string, string | number | null>;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    example: ['landed', 'type', 'capacity'],
    description: "the figure's key within its query",
  })
  key: unknown;
  @ApiProperty() value: number;
}

/** One step of the arithmetic: an amount and the events (log positions) it rests on. */
export class TraceTerm {
  @ApiProperty() note: string;
  @ApiProperty() amount: number;
  @ApiProperty({ type: 'array', items: { type: 'integer' } }) positions: number[];
}

export class TraceArithmetic {
  @ApiProperty({ type: [TraceTerm], description: 'this page of the terms' }) terms: TraceTerm[];
  @ApiProperty({ description: 'the whole figure: Σ of every term, on every page' }) total: number;
}

export class TracePageInfo {
  @ApiProperty({ type: 'integer' }) offset: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer', description: 'how many terms the figure has in all' }) terms: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the offset of the next page, null on the last' })
  nextOffset: number | null;
}

/** An event a term rests on, with its place in the log and its hash. */
export class TracedEvent {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty() streamId: string;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() hash: string;
  @ApiProperty() type: string;
  @ApiProperty({ type: RecordedActor }) actor: RecordedActor;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty() correlationId: string;
  @ApiProperty({ type: RecordedSource, nullable: true }) source: unknown;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['source not recorded', 'this kind of event records no source'],
    description:
      "null when the source is recorded; 'source not recorded' for an event of a kind that takes one, written before it was required",
  })
  sourceNote: string | null;
}

export class TraceResponse {
  @ApiProperty({ type: TracedFigure }) figure: TracedFigure;
  @ApiProperty({ type: TraceArithmetic }) arithmetic: TraceArithmetic;
  @ApiProperty({ type: TracePageInfo }) page: TracePageInfo;
  @ApiProperty({ type: [TracedEvent] }) events: TracedEvent[];
}

export type TraceChecked = [Fits<TraceAnswer, TraceResponse>, NoneUndeclared<Undeclared<TraceAnswer, TraceResponse>>];
