import {
  BENEFIT_TYPES,
  BenefitType,
  DISCOUNT_SCHEDULES,
  DiscountSchedule,
  ID_PATTERN,
  LENSES,
  Lens,
  RECURRENCES,
  Recurrence,
  VALUATION_METHODS,
  ValuationMethod,
} from '@benefit-ledger/domain';
import { DataSourceDto } from '../shared/data-source.dto';
import {
  BasisPointsField,
  EnumField,
  FinancialYearField,
  IdField,
  NestedField,
  NestedListField,
  PenceField,
  QuantityField,
  TextField,
  TextListField,
} from '../http-validation/fields';
import { RestatableDto } from '../shared/restatement.dto';
import { BenefitRegisterDto } from './benefit-register.dto';

export class QuantityDto {
  @QuantityField({ example: 1200 }) value: number;
  @TextField({ max: 50, example: 'bed-days' }) unit: string;
}

export class ValuationDto {
  @EnumField(VALUATION_METHODS) method: ValuationMethod;
  @IdField({
    optional: true,
    description:
      "a unit cost in the catalogue (method 'unit-cost'): the value is quantity × the price of the edition in force for the benefit's year, and the edition is recorded",
  })
  unitCostId?: string;
  @PenceField({
    optional: true,
    description:
      'price of one unit in pence; when given, valuePence must equal quantity × unitValuePence (with unitCostId, it must be the catalogue price)',
  })
  unitValuePence?: number;
}

export class ProfileYearDto {
  @FinancialYearField() financialYear: string;
  @PenceField() valuePence: number;
}

export class DiscountingDto {
  @EnumField(DISCOUNT_SCHEDULES, {
    description: 'Green Book rate: standard 3.5% a year, health 1.5% a year (years 0–30)',
  })
  schedule: DiscountSchedule;
  @BasisPointsField({
    min: 0,
    description: 'optimism bias: the share by which the present value is reduced (basis points, 10000 = 100%)',
  })
  optimismBiasBasisPoints: number;
}

/** The benefit's value in each year after its own, consecutively, and how to discount them (HM Treasury Green Book). */
export class ProfileDto {
  @NestedListField(() => ProfileYearDto, {
    maxItems: 100,
    description: "the years after the claim's own financial year, in order; at most 30",
  })
  followingYears: ProfileYearDto[];
  @NestedField(() => DiscountingDto) discounting: DiscountingDto;
}

/** valuePence may be left out only when the catalogue values the benefit. */
const catalogueValues = (o: { valuation?: { unitCostId?: unknown } }) => typeof o.valuation?.unitCostId === 'string';
const VALUE_REQUIRED = 'valuePence is required unless the benefit is valued from the catalogue (valuation.unitCostId)';

export class ClaimBenefitDto extends RestatableDto {
  @IdField({ optional: true, description: 'generated when omitted' }) benefitId?: string;
  @EnumField(BENEFIT_TYPES) benefitType: BenefitType;
  @EnumField(LENSES) lens: Lens;
  @TextField({ max: 2000 }) description: string;
  @NestedField(() => QuantityDto) quantity: QuantityDto;
  @NestedField(() => ValuationDto) valuation: ValuationDto;
  @PenceField({ requiredUnless: { when: catalogueValues, message: VALUE_REQUIRED } }) valuePence?: number;
  @EnumField(RECURRENCES) recurrence: Recurrence;
  @FinancialYearField() financialYear: string;
  @IdField() landingOrganisationId: string;
  @TextListField({
    maxItems: 100,
    pattern: ID_PATTERN,
    description: 'ids of measurements recorded for this intervention',
  })
  evidence: string[];
  @NestedField(() => DataSourceDto) source: DataSourceDto;
  @NestedField(() => ProfileDto, {
    optional: true,
    description: 'a multi-year profile, discounted with the Green Book rates beside the undiscounted figure',
  })
  profile?: ProfileDto;
  @NestedField(() => BenefitRegisterDto, {
    optional: true,
    description:
      'the benefits register entry: owner, measure, baseline, target, timing, dependencies, risks (each optional)',
  })
  register?: BenefitRegisterDto;
}

export class ReviseBenefitDto extends RestatableDto {
  @NestedField(() => QuantityDto) quantity: QuantityDto;
  @NestedField(() => ValuationDto) valuation: ValuationDto;
  @PenceField({ requiredUnless: { when: catalogueValues, message: VALUE_REQUIRED } }) valuePence?: number;
  @TextField({ max: 2000 }) reason: string;
  @NestedField(() => DataSourceDto) source: DataSourceDto;
  @NestedField(() => ProfileDto, {
    optional: true,
    description: 'replaces the profile; left out, the benefit keeps its profile, recomputed on the new value',
  })
  profile?: ProfileDto;
  @NestedField(() => BenefitRegisterDto, {
    optional: true,
    description: 'the register fields given replace the recorded ones; those left out are kept',
  })
  register?: BenefitRegisterDto;
}

export class ValidateBenefitDto extends RestatableDto {
  @PenceField() validatedValuePence: number;
  @TextField({ max: 2000 }) note: string;
  @QuantityField({
    optional: true,
    description:
      "the quantity finance accepts, in the benefit's unit, when less than claimed; left out, the claimed quantity. A capacity benefit's releases never exceed it, and its validated unit value is validatedValuePence ÷ this",
  })
  validatedQuantity?: number;
  @NestedField(() => DataSourceDto, {
    description: 'what the validation was checked against (e.g. the ledger and its reconciliation)',
  })
  source: DataSourceDto;
}

export class RejectBenefitDto extends RestatableDto {
  @TextField({ max: 2000 }) reason: string;
}
