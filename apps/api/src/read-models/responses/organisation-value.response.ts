import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClosedYear, OpenYear, periodOf } from '../../http/responses/closed-year.response';
import { FIGURES_BY_KEY, Figure } from '../../http/responses/figures.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { OrganisationValueAnswer } from '../../http/query-answers';
import { ReportBasis } from './report-basis.response';
import { NotRealised, ThreeWays } from '../../http/responses/three-ways.response';

/** Validated value that landed in this organisation, split every way a board asks. */
@ApiExtraModels(Figure)
export class ValueLandedHere {
  @ApiProperty({ type: Figure }) totalPence: Figure;
  @ApiProperty({ type: Figure, description: 'the part from interventions this organisation invested in' })
  fromOwnInvestmentPence: Figure;
  @ApiProperty({ ...FIGURES_BY_KEY, description: 'by benefit type' }) byType: Record<string, Figure>;
  @ApiProperty({ ...FIGURES_BY_KEY, description: 'by lens (economic, social, strategic)' }) byLens: Record<
    string,
    Figure
  >;
  @ApiProperty({
    type: Figure,
    description: 'cash: validated cash-releasing benefits, and cash actually released from capacity landing here',
  })
  cashPence: Figure;
  @ApiProperty({
    type: Figure,
    description: 'the rest of the value landed here: not cash (capacity not released as cash among it)',
  })
  nonCashPence: Figure;
  @ApiProperty({ type: Figure }) recurrentPence: Figure;
  @ApiProperty({ type: Figure }) nonRecurrentPence: Figure;
}

export class InvestmentLandedAt {
  @ApiProperty() organisationId: string;
  @ApiProperty({ type: 'integer' }) pence: number;
  @ApiProperty({ description: 'pass to GET /trace?figure=' }) ref: string;
}

/** Where the value of what this organisation invested in landed: here or elsewhere. */
export class InvestmentLanded {
  @ApiProperty({ type: Figure }) totalPence: Figure;
  @ApiProperty({ type: Figure }) herePence: Figure;
  @ApiProperty({ type: Figure }) elsewherePence: Figure;
  @ApiProperty({ type: [InvestmentLandedAt] }) byOrganisation: InvestmentLandedAt[];
}

export class OrganisationValue extends ReportBasis {
  @ApiProperty({ enum: ['organisation-value'] }) query: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'acute-trust' }) type: string;
  @ApiProperty({ type: String, nullable: true, example: '2019/20' }) financialYear: string | null;
  @ApiProperty({ type: Figure }) investedPence: Figure;
  @ApiProperty({ type: ValueLandedHere }) landedHere: ValueLandedHere;
  @ApiProperty({ type: InvestmentLanded }) investmentLanded: InvestmentLanded;
  @ApiProperty({ type: Figure, description: 'landed here − invested' }) netPence: Figure;
  @ApiProperty({
    type: ThreeWays,
    description:
      'value landing here claimed, validated and realised, each net of and per £1 of the costs this organisation bore',
  })
  value: ThreeWays;
  @ApiProperty({ type: NotRealised }) notRealised: NotRealised;
}

export class OrganisationValueClosedYear extends ClosedYear {
  @ApiProperty({ type: OrganisationValue, nullable: true }) asClosed: OrganisationValue | null;
}

@ApiExtraModels(OpenYear, OrganisationValueClosedYear)
export class OrganisationValueResponse extends OrganisationValue {
  @ApiPropertyOptional(periodOf(OrganisationValueClosedYear)) period?: OpenYear | OrganisationValueClosedYear;
}

export type OrganisationValueChecked = [
  Fits<OrganisationValueAnswer, OrganisationValueResponse>,
  NoneUndeclared<Undeclared<OrganisationValueAnswer, OrganisationValueResponse>>,
];
