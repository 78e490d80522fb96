import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BENEFIT_STATUSES,
  BENEFIT_TYPES,
  BenefitStatus,
  BenefitType,
  COST_TYPES,
  CostType,
  DISCOUNT_SCHEDULES,
  DiscountSchedule,
  INTERVENTION_STATUSES,
  InterventionStatus,
  LENSES,
  Lens,
  RECURRENCES,
  Recurrence,
  VALUATION_METHODS,
  ValuationMethod,
} from '@benefit-ledger/domain';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { InterventionAnswer } from '../../http/query-answers';
import { BenefitRegisterResponse } from './benefit-register.response';

/** The lenses an intervention is seen through. */
export class Lenses {
  @ApiProperty() economic: boolean;
  @ApiProperty() social: boolean;
  @ApiProperty() strategic: boolean;
}

export class InterventionCost {
  @ApiProperty() costId: string;
  @ApiProperty({ enum: COST_TYPES }) costType: CostType;
  @ApiProperty({ type: 'integer' }) amountPence: number;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty() bearerOrganisationId: string;
}

/** How a benefit was valued; from the catalogue, with the edition in force for its year. */
export class BenefitValuation {
  @ApiProperty({ enum: VALUATION_METHODS }) method: ValuationMethod;
  @ApiPropertyOptional() unitCostId?: string;
  @ApiPropertyOptional({ type: 'integer' }) unitValuePence?: number;
  @ApiPropertyOptional() edition?: string;
  @ApiPropertyOptional({ example: '2019/20' }) priceYear?: string;
}

export class DiscountedYear {
  @ApiProperty({ example: '2020/21' }) financialYear: string;
  @ApiProperty({ type: 'integer', description: "0 for the claim's own year" }) yearIndex: number;
  @ApiProperty({ type: 'integer' }) valuePence: number;
  @ApiProperty({ type: 'integer' }) rateBasisPoints: number;
  @ApiProperty({ example: '0.966184' }) discountFactor: string;
  @ApiProperty({ type: 'integer' }) presentValuePence: number;
}

/** A multi-year benefit profile discounted by the Green Book, with the rates used. */
export class DiscountedProfile {
  @ApiProperty({ enum: DISCOUNT_SCHEDULES }) schedule: DiscountSchedule;
  @ApiProperty({ type: 'integer' }) rateBasisPoints: number;
  @ApiProperty({ type: 'integer' }) optimismBiasBasisPoints: number;
  @ApiProperty() method: string;
  @ApiProperty({ type: [DiscountedYear] }) years: DiscountedYear[];
  @ApiProperty({ type: 'integer' }) undiscountedPence: number;
  @ApiProperty({ type: 'integer' }) presentValuePence: number;
  @ApiProperty({ type: 'integer' }) optimismBiasPence: number;
  @ApiProperty({ type: 'integer' }) adjustedPresentValuePence: number;
}

/** A quantity in its unit (at most two decimal places). */
export class BenefitQuantity {
  @ApiProperty({ example: 1200 }) value: number;
  @ApiProperty({ example: 'bed-days' }) unit: string;
}

/** One reinvestment of released capacity: its quantity and the value it recorded (null: none recorded). */
export class CapacityReinvestment {
  @ApiProperty() quantity: number;
  @ApiProperty({ type: 'integer', nullable: true }) valuePence: number | null;
}

export class InterventionBenefit {
  @ApiProperty() benefitId: string;
  @ApiProperty({ enum: BENEFIT_TYPES }) benefitType: BenefitType;
  @ApiProperty({ enum: LENSES }) lens: Lens;
  @ApiProperty({ type: 'integer' }) valuePence: number;
  @ApiProperty({ enum: RECURRENCES }) recurrence: Recurrence;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty() landingOrganisationId: string;
  @ApiProperty({ enum: BENEFIT_STATUSES }) status: BenefitStatus;
  @ApiProperty({ type: 'integer', nullable: true, description: 'set when finance validates the claim' })
  validatedValuePence: number | null;
  @ApiProperty({ type: BenefitValuation }) valuation: BenefitValuation;
  @ApiProperty({ type: DiscountedProfile, nullable: true }) profile: DiscountedProfile | null;
  @ApiProperty({ type: BenefitQuantity, description: 'the quantity as last claimed or revised' })
  quantity: BenefitQuantity;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "the quantity finance validated, in the benefit's unit; null until validated",
  })
  validatedQuantity: number | null;
  @ApiProperty({
    type: BenefitRegisterResponse,
    description: 'the benefits register entry; fields not recorded are null and listed in notRecorded',
  })
  register: BenefitRegisterResponse;
}

/** Capacity quantities harvested, by harvest. */
export class CapacityHarvested {
  @ApiProperty({ name: 'cash-release' }) 'cash-release': number;
  @ApiProperty() reinvest: number;
  @ApiProperty() unharvested: number;
}

export class InterventionCapacityRelease {
  @ApiProperty() releaseId: string;
  @ApiProperty() benefitId: string;
  @ApiProperty({ example: 'bed-days' }) resource: string;
  @ApiProperty() landingOrganisationId: string;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty() released: number;
  @ApiProperty({ type: CapacityHarvested }) harvested: CapacityHarvested;
  @ApiProperty() undecided: number;
  @ApiProperty() reinvested: number;
  @ApiProperty({ type: 'integer' }) cashReleasedPence: number;
  @ApiProperty({ type: [CapacityReinvestment] }) reinvestments: CapacityReinvestment[];
}

/** The intervention as it stands; `revision` is what to send as If-Match (the fields are null only before registration, answered 404). */
export class InterventionResponse {
  @ApiProperty({ type: String, nullable: true }) interventionId: string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) leadOrganisationId: string | null;
  @ApiProperty({ enum: INTERVENTION_STATUSES, nullable: true }) status: InterventionStatus | null;
  @ApiProperty({ type: Lenses, nullable: true }) lenses: Lenses | null;
  @ApiProperty({ type: [String], description: 'the strategic priorities named at registration' })
  strategicPriorities: string[];
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ type: [InterventionCost] }) costs: InterventionCost[];
  @ApiProperty({ type: [String] }) measurementIds: string[];
  @ApiProperty({ type: [InterventionBenefit] }) benefits: InterventionBenefit[];
  @ApiProperty({ type: [InterventionCapacityRelease] }) capacityReleases: InterventionCapacityRelease[];
}

export type InterventionChecked = [
  Fits<InterventionAnswer, InterventionResponse>,
  NoneUndeclared<Undeclared<InterventionAnswer, InterventionResponse>>,
];
