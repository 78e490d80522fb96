import { ApiProperty } from '@nestjs/swagger';
import { REGISTER_FIELDS, RISK_RATINGS, RegisterField, RiskRating } from '@benefit-ledger/domain';

/** The benefits register entry of a claim (docs/benefits-register.md); a field not recorded is null and listed in `notRecorded`. */
export class BenefitOwnerResponse {
  @ApiProperty({ example: 'Director of Operations' }) role: string;
  @ApiProperty() organisationId: string;
}

export class RegisterMeasureResponse {
  @ApiProperty({ example: 'emergency bed-days per month' }) series: string;
  @ApiProperty({ example: 'bed-days' }) unit: string;
}

export class DatedValueResponse {
  @ApiProperty() value: number;
  @ApiProperty({ example: '2019-04-01' }) date: string;
}

export class BenefitTimingResponse {
  @ApiProperty({ example: '2019/20' }) firstYear: string;
  @ApiProperty({ type: 'integer', example: 3 }) durationYears: number;
}

export class BenefitDependencyResponse {
  @ApiProperty() interventionId: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: the whole intervention' }) benefitId: string | null;
}

export class BenefitRiskResponse {
  @ApiProperty() description: string;
  @ApiProperty({ enum: RISK_RATINGS }) rating: RiskRating;
}

export class BenefitRegisterResponse {
  @ApiProperty({ type: BenefitOwnerResponse, nullable: true }) owner: BenefitOwnerResponse | null;
  @ApiProperty({ type: RegisterMeasureResponse, nullable: true }) measure: RegisterMeasureResponse | null;
  @ApiProperty({ type: DatedValueResponse, nullable: true }) baseline: DatedValueResponse | null;
  @ApiProperty({ type: DatedValueResponse, nullable: true }) target: DatedValueResponse | null;
  @ApiProperty({ type: BenefitTimingResponse, nullable: true }) timing: BenefitTimingResponse | null;
  @ApiProperty({ type: [BenefitDependencyResponse], nullable: true }) dependencies: BenefitDependencyResponse[] | null;
  @ApiProperty({ type: [BenefitRiskResponse], nullable: true }) risks: BenefitRiskResponse[] | null;
  @ApiProperty({
    enum: REGISTER_FIELDS,
    isArray: true,
    description: 'the register fields not recorded (all of them for a claim made before the register existed)',
  })
  notRecorded: RegisterField[];
}
