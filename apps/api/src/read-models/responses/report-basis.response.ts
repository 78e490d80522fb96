import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What every read-model report states first: the query, and the log it answers from. */
export abstract class ReportBasis {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'present when asked ?asAt=: the answer uses only events recorded at or before it',
  })
  asAt?: string;
  @ApiProperty({ type: 'integer', description: 'the global log position the answer is read up to' })
  upToPosition: number;
}
