import { ApiProperty } from '@nestjs/swagger';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { UnfoldedEventsAnswer } from '../../http/query-answers';

/** A stored event the figures leave out, and why. */
export class UnfoldedEvent {
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() streamId: string;
  @ApiProperty() type: string;
  @ApiProperty({ example: 'amountPence 100000000001 is beyond the ceiling per figure' }) reason: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class UnfoldedEventsResponse {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: [UnfoldedEvent] }) events: UnfoldedEvent[];
}

export type UnfoldedEventsChecked = [
  Fits<UnfoldedEventsAnswer, UnfoldedEventsResponse>,
  NoneUndeclared<Undeclared<UnfoldedEventsAnswer, UnfoldedEventsResponse>>,
];
