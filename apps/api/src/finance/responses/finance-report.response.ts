import { ApiProperty } from '@nestjs/swagger';
import { RecordedSource } from '../../http/responses/recorded-source.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { FinanceReportAnswer } from '../../http/query-answers';
import { WriteResultDto } from '../../http/write-result.dto';

/** A part of one validated benefit that evidences a line. */
export class LinkedBenefit {
  @ApiProperty() interventionId: string;
  @ApiProperty() benefitId: string;
  @ApiProperty({ type: 'integer' }) amountPence: number;
}

export class FinanceReportLine {
  @ApiProperty({ example: 'CIP-01' }) lineId: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'integer' }) amountPence: number;
  @ApiProperty() cashReleasing: boolean;
  @ApiProperty() recurrent: boolean;
  @ApiProperty({ type: 'integer', description: 'Σ of the linked benefit amounts' }) evidencedPence: number;
  @ApiProperty({ type: [LinkedBenefit] }) benefits: LinkedBenefit[];
}

/** A waste-reduction report as it stands: current version, lines with their links, signed off or not; `revision` for If-Match. */
export class FinanceReportResponse {
  @ApiProperty() organisationId: string;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer', description: 'the stated total (Σ lines)' }) totalPence: number;
  @ApiProperty({ type: RecordedSource, nullable: true }) source: RecordedSource | null;
  @ApiProperty() signedOff: boolean;
  @ApiProperty({ type: 'integer' }) evidencedPence: number;
  @ApiProperty({ type: [FinanceReportLine] }) lines: FinanceReportLine[];
}

export type FinanceReportChecked = [
  Fits<FinanceReportAnswer, FinanceReportResponse>,
  NoneUndeclared<Undeclared<FinanceReportAnswer, FinanceReportResponse>>,
];

/** A write on an organisation's report for a year: where it landed. */
export class FinanceReportWritten extends WriteResultDto {
  @ApiProperty() organisationId: string;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
}
