import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { PeriodScope } from '@benefit-ledger/domain';
import { RecordedActor } from '../../http/responses/actor.response';
import { OrganisationScope, Restatement, SCOPE } from '../../http/responses/closed-year.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { PeriodAnswer } from '../../http/query-answers';
import { WriteResultDto } from '../../http/write-result.dto';

/** The seal a close carries: the Merkle root of every stream head at its position. */
export class PeriodSealSummary {
  @ApiProperty({ example: 'rfc6962-sha256(rfc8785{streamId,revision,hash}) sorted by streamId' }) algorithm: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: 'integer' }) streamCount: number;
  @ApiProperty() root: string;
}

@ApiExtraModels(OrganisationScope)
export class PeriodCloseRecord {
  @ApiProperty(SCOPE) scope: PeriodScope;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty({ type: RecordedActor }) closedBy: RecordedActor;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: PeriodSealSummary }) seal: PeriodSealSummary;
}

/** A financial year: when it ends, its closes (whole system or one organisation each) and the restatements since. */
export class PeriodResponse {
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() ended: boolean;
  @ApiProperty({ type: 'integer', description: 'the period stream revision (-1 before any close)' }) revision: number;
  @ApiProperty({ type: [PeriodCloseRecord] }) closes: PeriodCloseRecord[];
  @ApiProperty({ type: [Restatement] }) restatements: Restatement[];
}

export type PeriodChecked = [
  Fits<PeriodAnswer, PeriodResponse>,
  NoneUndeclared<Undeclared<PeriodAnswer, PeriodResponse>>,
];

/** PeriodClosed: where it landed, the year, the scope closed and the seal. */
@ApiExtraModels(OrganisationScope)
export class PeriodClosedWritten extends WriteResultDto {
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty(SCOPE) scope: PeriodScope;
  @ApiProperty({ type: PeriodSealSummary }) seal: PeriodSealSummary;
}
