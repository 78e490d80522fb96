import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClosedYear, OpenYear, periodOf } from '../../http/responses/closed-year.response';
import { FIGURES_BY_KEY, Figure } from '../../http/responses/figures.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { InterventionValueAnswer } from '../../http/query-answers';
import { ReportBasis } from '../../read-models/responses/report-basis.response';
import { NotRealised, ThreeWays, TracedRoi } from '../../http/responses/three-ways.response';

@ApiExtraModels(Figure)
export class InterventionCosts {
  @ApiProperty({ type: Figure }) directPence: Figure;
  @ApiProperty({ type: Figure }) indirectPence: Figure;
  @ApiProperty({ type: Figure, description: 'what every ROI of the answer counts' }) totalPence: Figure;
  @ApiProperty({ ...FIGURES_BY_KEY, description: 'by the organisation that bore the cost' }) byBearer: Record<
    string,
    Figure
  >;
}

/** The headline totals: claimed, validated, realised, and the claimed value of rejected claims. */
export class BenefitTotals {
  @ApiProperty({ type: Figure, description: 'every claim at its current value, whatever its status' })
  claimedPence: Figure;
  @ApiProperty({ type: Figure }) validatedPence: Figure;
  @ApiProperty({ type: Figure }) realisedPence: Figure;
  @ApiProperty({ type: Figure, description: 'the claimed value of rejected claims' }) rejectedPence: Figure;
}

export class ValueOfType {
  @ApiProperty({ type: Figure }) claimedPence: Figure;
  @ApiProperty({ type: Figure }) validatedPence: Figure;
  @ApiProperty({ type: Figure }) realisedPence: Figure;
  @ApiProperty({ type: Figure }) rejectedPence: Figure;
}

/** Every benefit type is present. */
export class ValueByType {
  @ApiProperty({ type: ValueOfType, name: 'cash-releasing' }) 'cash-releasing': ValueOfType;
  @ApiProperty({ type: ValueOfType }) capacity: ValueOfType;
  @ApiProperty({ type: ValueOfType, name: 'cost-avoidance' }) 'cost-avoidance': ValueOfType;
  @ApiProperty({ type: ValueOfType }) quality: ValueOfType;
  @ApiProperty({ type: ValueOfType }) safety: ValueOfType;
  @ApiProperty({ type: ValueOfType }) workforce: ValueOfType;
  @ApiProperty({ type: ValueOfType }) environmental: ValueOfType;
  @ApiProperty({ type: ValueOfType, name: 'patient-experience' }) 'patient-experience': ValueOfType;
}

/** Quantities of a capacity benefit, in its unit. */
export class CapacityQuantities {
  @ApiProperty() validated: number;
  @ApiProperty() harvestedAsCash: number;
  @ApiProperty() harvestedForReinvestment: number;
  @ApiProperty() reinvested: number;
  @ApiProperty() unharvested: number;
  @ApiProperty({ description: 'validated, not yet harvested either way (released or not)' }) undecided: number;
}

/** What became of one validated capacity benefit. */
export class CapacityBenefitValue {
  @ApiProperty() benefitId: string;
  @ApiProperty({ example: 'bed-days' }) unit: string;
  @ApiProperty({ type: CapacityQuantities }) quantities: CapacityQuantities;
  @ApiProperty({ type: Figure }) validatedPence: Figure;
  @ApiProperty({ type: Figure }) realisedPence: Figure;
  @ApiProperty({ type: Figure }) unharvestedPence: Figure;
  @ApiProperty({ type: Figure }) undecidedPence: Figure;
}

/** Benefits with a multi-year profile: undiscounted, Green Book present value and after optimism bias. */
export class MultiYearValue {
  @ApiProperty({ type: 'integer' }) benefits: number;
  @ApiProperty({ type: Figure }) undiscountedPence: Figure;
  @ApiProperty({ type: Figure }) presentValuePence: Figure;
  @ApiProperty({ type: Figure }) adjustedPresentValuePence: Figure;
}

export class InterventionValue extends ReportBasis {
  @ApiProperty({ enum: ['intervention-value'] }) query: 'intervention-value';
  @ApiProperty() interventionId: string;
  @ApiProperty() title: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2019/20',
    description: "with ?financialYear=: that year's costs and benefits only",
  })
  financialYear: string | null;
  @ApiProperty({ type: 'integer', description: "the stream's revision at the cutoff" }) revision: number;
  @ApiProperty({ type: InterventionCosts }) costs: InterventionCosts;
  @ApiProperty({ type: ThreeWays }) value: ThreeWays;
  @ApiProperty({ type: NotRealised }) notRealised: NotRealised;
  @ApiProperty({ type: BenefitTotals }) benefits: BenefitTotals;
  @ApiProperty({ type: Figure, description: 'validated − costs (value.validated.netPence)' }) netValuePence: Figure;
  @ApiProperty({
    type: TracedRoi,
    nullable: true,
    description: 'the headline "£X.XX per £1": validated ÷ costs (value.validated.roi); null with no costs',
  })
  roi: TracedRoi | null;
  @ApiProperty({ type: ValueByType }) byType: ValueByType;
  @ApiProperty({ type: [CapacityBenefitValue] }) capacity: CapacityBenefitValue[];
  @ApiProperty({ type: MultiYearValue }) multiYear: MultiYearValue;
  @ApiPropertyOptional({
    type: [String],
    description:
      'present only when a stored figure is beyond the ceiling per figure: what the totals leave out, and why',
  })
  excludedFigures?: string[];
}

export class InterventionValueClosedYear extends ClosedYear {
  @ApiProperty({ type: InterventionValue, nullable: true }) asClosed: InterventionValue | null;
}

@ApiExtraModels(OpenYear, InterventionValueClosedYear)
export class InterventionValueResponse extends InterventionValue {
  @ApiPropertyOptional(periodOf(InterventionValueClosedYear)) period?: OpenYear | InterventionValueClosedYear;
}

export type InterventionValueChecked = [
  Fits<InterventionValueAnswer, InterventionValueResponse>,
  NoneUndeclared<Undeclared<InterventionValueAnswer, InterventionValueResponse>>,
];
