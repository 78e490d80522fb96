import { ApiProperty } from '@nestjs/swagger';
import { ReportBasis } from '../../read-models/responses/report-basis.response';

/** What every list answers beside its items: the log it is read from, how many items the filters select, and the page. */
export abstract class ListWindow extends ReportBasis {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'how many items the filters select, on every page' })
  total: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'the first item of this page, counted from 0' })
  offset: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 500, description: 'the most items this page may hold' })
  limit: number;
}
