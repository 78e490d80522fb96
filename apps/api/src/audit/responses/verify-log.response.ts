import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { VerifyLogAnswer } from '../../http/query-answers';

/** The event that carries a seal (a PeriodClosed), and what it sealed. */
export class SealCarrier {
  @ApiProperty({ example: '2019/20 closed for the whole system' }) label: string;
  @ApiProperty() streamId: string;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ type: 'integer', description: 'the log position the seal covers' }) sealedPosition: number;
  @ApiProperty({ description: 'Merkle root (hex)' }) root: string;
}

export class VerifiedSeal extends SealCarrier {
  @ApiProperty({ type: 'integer' }) streamCount: number;
}

/** A run of global positions with no event: deleted events (stores that number positions without gaps). */
export class MissingPositions {
  @ApiProperty({ type: 'integer' }) from: number;
  @ApiProperty({ type: 'integer' }) to: number;
}

/** Where verification found the log altered, and why; ids are null where the events are gone. */
export class BrokenEvent {
  @ApiProperty({ type: String, nullable: true }) streamId: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) revision: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) position: number | null;
  @ApiProperty({ type: String, nullable: true }) eventId: string | null;
  @ApiProperty({ type: String, nullable: true }) type: string | null;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ type: SealCarrier, description: 'when a seal found it: the event that carries the seal' })
  seal?: SealCarrier;
}

/** Every stream's hash chain and every seal recomputed: ok, or the first broken event. */
export class VerifyLogResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer' }) events: number;
  @ApiProperty({ type: 'integer' }) streams: number;
  @ApiProperty({
    type: [VerifiedSeal],
    description: 'seals recomputed and matched, in log order (up to the first break)',
  })
  seals: VerifiedSeal[];
  @ApiProperty({ type: [MissingPositions] }) missingPositions: MissingPositions[];
  @ApiPropertyOptional({ type: BrokenEvent }) firstBroken?: BrokenEvent;
}

export type VerifyLogChecked = [
  Fits<VerifyLogAnswer, VerifyLogResponse>,
  NoneUndeclared<Undeclared<VerifyLogAnswer, VerifyLogResponse>>,
];
