import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClosedYear, OpenYear, periodOf } from '../../http/responses/closed-year.response';
import { Figure } from '../../http/responses/figures.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { PartnershipAttributionAnswer } from '../../http/query-answers';
import { ReportBasis } from './report-basis.response';
import { NotRealised, ThreeWays, TracedRoi } from '../../http/responses/three-ways.response';

export class AttributionShare {
  @ApiProperty() organisationId: string;
  @ApiProperty({ type: 'integer', description: 'basis points (10000 = 100%)' }) basisPoints: number;
}

/** The attribution agreement in force for the year. */
export class AgreementInForce {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ example: '2019/20' }) effectiveFrom: string;
  @ApiProperty({ type: [String] }) benefitTypes: string[];
  @ApiProperty({ type: [AttributionShare] }) shares: AttributionShare[];
}

export class AttributedIntervention {
  @ApiProperty() interventionId: string;
  @ApiProperty({ type: 'integer', description: "the partnership's share of the intervention, in basis points" })
  attributionBasisPoints: number;
  @ApiProperty({ type: Figure }) validatedPence: Figure;
  @ApiProperty({ type: Figure }) attributedPence: Figure;
  @ApiProperty({ type: Figure, description: "the intervention's costs of the year × its enrolment share (half up)" })
  costsSharePence: Figure;
}

export class AttributedMember {
  @ApiProperty() organisationId: string;
  @ApiProperty({ type: 'integer' }) basisPoints: number;
  @ApiProperty({ type: Figure }) attributedPence: Figure;
}

/** One programme cost line of the year. */
export class AttributionCostLine {
  @ApiProperty() costId: string;
  @ApiProperty({ type: Figure }) amountPence: Figure;
}

export class AttributionCosts {
  @ApiProperty({ type: Figure, description: "the programme's own costs for the year" }) totalPence: Figure;
  @ApiProperty({ type: Figure }) directPence: Figure;
  @ApiProperty({ type: Figure }) indirectPence: Figure;
  @ApiProperty({ type: Figure, description: "Σ each enrolled intervention's costs of the year × its enrolment share" })
  interventionsSharePence: Figure;
  @ApiProperty({ type: Figure, description: "the programme's costs and its interventions' attributed costs" })
  programmeAndInterventionsPence: Figure;
  @ApiProperty({
    type: [AttributionCostLine],
    description: 'each programme cost line of the year, in the order recorded',
  })
  lines: AttributionCostLine[];
}

/** Return per pound of the costs it names (`costsCounted`). */
export class AttributionRoi {
  @ApiProperty() ratio: number;
  @ApiProperty({ example: '£4.25 per £1' }) perPound: string;
  @ApiProperty({ type: 'integer' }) pencePerPound: number;
  @ApiProperty({ description: 'pass to GET /trace?figure=' }) ref: string;
  @ApiProperty({ description: 'which costs it counts, in words' }) costsCounted: string;
}

/** A way's net and ROI on the programme's costs and its interventions' attributed costs. */
export class NetAndRoi {
  @ApiProperty({ type: Figure }) netPence: Figure;
  @ApiProperty({ type: TracedRoi, nullable: true }) roi: TracedRoi | null;
  @ApiProperty() costsCounted: string;
}

export class ThreeWaysOnWiderCosts {
  @ApiProperty({ type: NetAndRoi }) claimed: NetAndRoi;
  @ApiProperty({ type: NetAndRoi }) validated: NetAndRoi;
  @ApiProperty({ type: NetAndRoi }) realised: NetAndRoi;
}

export class PartnershipAttribution extends ReportBasis {
  @ApiProperty({ enum: ['partnership-attribution'] }) query: string;
  @ApiProperty() partnershipId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty({ type: AgreementInForce }) agreement: AgreementInForce;
  @ApiProperty({ type: [AttributedIntervention] }) interventions: AttributedIntervention[];
  @ApiProperty({ type: Figure }) attributedPence: Figure;
  @ApiProperty({ type: [AttributedMember] }) members: AttributedMember[];
  @ApiProperty({ type: AttributionCosts }) costs: AttributionCosts;
  @ApiProperty({
    type: AttributionRoi,
    nullable: true,
    description: "attributed ÷ the programme's own costs; null when it has none for the year",
  })
  roi: AttributionRoi | null;
  @ApiProperty({
    type: AttributionRoi,
    nullable: true,
    description: "attributed ÷ the programme's costs and its interventions' attributed costs",
  })
  roiWithInterventionCosts: AttributionRoi | null;
  @ApiProperty({
    type: ThreeWays,
    description:
      "the enrolled value (benefit types the agreement covers) claimed, validated and realised, each × enrolment share, per £1 of the programme's own costs",
  })
  value: ThreeWays;
  @ApiProperty({ type: NotRealised }) notRealised: NotRealised;
  @ApiProperty({
    type: ThreeWaysOnWiderCosts,
    description: "each way net of and per £1 of the programme's costs and its interventions' attributed costs",
  })
  valueWithInterventionCosts: ThreeWaysOnWiderCosts;
}

export class PartnershipAttributionClosedYear extends ClosedYear {
  @ApiProperty({ type: PartnershipAttribution, nullable: true }) asClosed: PartnershipAttribution | null;
}

@ApiExtraModels(OpenYear, PartnershipAttributionClosedYear)
export class PartnershipAttributionResponse extends PartnershipAttribution {
  @ApiPropertyOptional(periodOf(PartnershipAttributionClosedYear)) period?: OpenYear | PartnershipAttributionClosedYear;
}

export type PartnershipAttributionChecked = [
  Fits<PartnershipAttributionAnswer, PartnershipAttributionResponse>,
  NoneUndeclared<Undeclared<PartnershipAttributionAnswer, PartnershipAttributionResponse>>,
];
