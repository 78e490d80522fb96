import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClosedYear, OpenYear, periodOf } from '../../http/responses/closed-year.response';
import { Figure, QuantityFigure } from '../../http/responses/figures.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { CapacityAnswer } from '../../http/query-answers';
import { ReportBasis } from './report-basis.response';

/** Capacity released for one (landing organisation, resource, year), and what became of it. */
export class CapacityRow {
  @ApiProperty() organisationId: string;
  @ApiProperty({ example: 'bed-days' }) resource: string;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty({ type: QuantityFigure }) released: QuantityFigure;
  @ApiProperty({ type: QuantityFigure }) harvestedAsCash: QuantityFigure;
  @ApiProperty({ type: QuantityFigure }) harvestedForReinvestment: QuantityFigure;
  @ApiProperty({ type: QuantityFigure }) unharvested: QuantityFigure;
  @ApiProperty({ type: QuantityFigure, description: 'released and not yet decided' }) undecided: QuantityFigure;
  @ApiProperty({ type: QuantityFigure }) reinvested: QuantityFigure;
  @ApiProperty({ type: Figure }) cashReleasedPence: Figure;
  @ApiProperty({ type: Figure }) reinvestedValuePence: Figure;
}

export class Capacity extends ReportBasis {
  @ApiProperty({ enum: ['capacity'] }) query: string;
  @ApiProperty({ type: String, nullable: true, description: 'the organisation asked for, or null for all' })
  organisationId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the resource asked for, or null for all' }) resource:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: '2019/20' }) financialYear: string | null;
  @ApiProperty({ type: [CapacityRow] }) rows: CapacityRow[];
}

export class CapacityClosedYear extends ClosedYear {
  @ApiProperty({ type: Capacity, nullable: true }) asClosed: Capacity | null;
}

@ApiExtraModels(OpenYear, CapacityClosedYear)
export class CapacityResponse extends Capacity {
  @ApiPropertyOptional(periodOf(CapacityClosedYear)) period?: OpenYear | CapacityClosedYear;
}

export type CapacityChecked = [
  Fits<CapacityAnswer, CapacityResponse>,
  NoneUndeclared<Undeclared<CapacityAnswer, CapacityResponse>>,
];
