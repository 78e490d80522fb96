import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Where a recorded figure came from, as it was recorded. */
export class RecordedSource {
  @ApiProperty({ example: 'ledger' }) system: string;
  @ApiProperty({ example: 'GL 4410 cost centre FR01' }) reference: string;
  @ApiPropertyOptional({ format: 'date', example: '2020-04-30' }) extractedOn?: string;
}
