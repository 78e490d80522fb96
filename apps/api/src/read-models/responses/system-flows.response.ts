import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClosedYear, OpenYear, periodOf } from '../../http/responses/closed-year.response';
import { Figure } from '../../http/responses/figures.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { SystemFlowsAnswer } from '../../http/query-answers';
import { ReportBasis } from './report-basis.response';
import { NotRealised, ThreeWays } from '../../http/responses/three-ways.response';

export class SystemFlowTotals {
  @ApiProperty({ type: Figure, description: 'Σ validated benefits' }) validatedPence: Figure;
  @ApiProperty({ type: Figure, description: 'Σ links: equals validatedPence' }) flowsPence: Figure;
  @ApiProperty({ type: Figure, description: 'the part that landed in another organisation than invested' })
  crossOrganisationPence: Figure;
}

/** A Sankey node: an organisation on the investing or the landing side. */
export class SystemFlowNode {
  @ApiProperty({ example: 'investor:riverside-teaching-hospitals' }) id: string;
  @ApiProperty({ enum: ['investor', 'landing'] }) side: 'investor' | 'landing';
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: Figure }) valuePence: Figure;
}

/** A Sankey link: validated value from an investing to a landing organisation. */
export class SystemFlowLink {
  @ApiProperty({ description: 'the investor node id' }) source: string;
  @ApiProperty({ description: 'the landing node id' }) target: string;
  @ApiProperty({ description: 'investing organisation' }) from: string;
  @ApiProperty({ description: 'landing organisation' }) to: string;
  @ApiProperty({ type: 'integer' }) valuePence: number;
  @ApiProperty({ description: 'pass to GET /trace?figure=' }) ref: string;
}

export class SystemFlows extends ReportBasis {
  @ApiProperty({ enum: ['system-flows'] }) query: string;
  @ApiProperty({ type: String, nullable: true, example: '2019/20' }) financialYear: string | null;
  @ApiProperty({ type: SystemFlowTotals }) totals: SystemFlowTotals;
  @ApiProperty({ type: [SystemFlowNode] }) nodes: SystemFlowNode[];
  @ApiProperty({ type: [SystemFlowLink] }) links: SystemFlowLink[];
  @ApiProperty({
    type: ThreeWays,
    description:
      'every benefit claimed, validated and realised (nodes and links are validated value), each net of and per £1 of every cost',
  })
  value: ThreeWays;
  @ApiProperty({ type: NotRealised }) notRealised: NotRealised;
}

export class SystemFlowsClosedYear extends ClosedYear {
  @ApiProperty({ type: SystemFlows, nullable: true }) asClosed: SystemFlows | null;
}

@ApiExtraModels(OpenYear, SystemFlowsClosedYear)
export class SystemFlowsResponse extends SystemFlows {
  @ApiPropertyOptional(periodOf(SystemFlowsClosedYear)) period?: OpenYear | SystemFlowsClosedYear;
}

export type SystemFlowsChecked = [
  Fits<SystemFlowsAnswer, SystemFlowsResponse>,
  NoneUndeclared<Undeclared<SystemFlowsAnswer, SystemFlowsResponse>>,
];
