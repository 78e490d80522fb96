import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RecordedSource } from '../../http/responses/recorded-source.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { UnitCostAnswer } from '../../http/query-answers';
import { WriteResultDto } from '../../http/write-result.dto';

export class UnitCostEdition {
  @ApiProperty({ example: 'NCC-2019-20' }) edition: string;
  @ApiProperty({ type: 'integer' }) pricePence: number;
  @ApiProperty({ example: '2019/20' }) priceYear: string;
  @ApiProperty({ format: 'date', example: '2019-04-01' }) validFrom: string;
  @ApiProperty({ type: RecordedSource }) source: RecordedSource;
}

/** A unit cost with every edition (resource and unit are null only before it is published, answered 404). */
export class UnitCostResponse {
  @ApiProperty({ type: String, nullable: true }) unitCostId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'bed-day' }) resource: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'day' }) unit: string | null;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ type: [UnitCostEdition], description: 'in the order published, which is also validFrom order' })
  editions: UnitCostEdition[];
  @ApiPropertyOptional({ example: '2019/20', description: 'present when asked ?financialYear=' })
  financialYear?: string;
  @ApiPropertyOptional({
    type: UnitCostEdition,
    nullable: true,
    description: 'present when asked ?financialYear=: the edition in force then, or null',
  })
  inForce?: UnitCostEdition | null;
}

export type UnitCostChecked = [
  Fits<UnitCostAnswer, UnitCostResponse>,
  NoneUndeclared<Undeclared<UnitCostAnswer, UnitCostResponse>>,
];

export class UnitCostWritten extends WriteResultDto {
  @ApiProperty() unitCostId: string;
  @ApiProperty() edition: string;
}
