import {
  BENEFIT_TYPES, BenefitType, ID_PATTERN, LENSES, Lens, RECURRENCES, Recurrence, VALUATION_METHODS, ValuationMethod,
} from '@benefit-ledger/domain';
import { DataSourceDto } from '../../http/data-source.dto';
import {
  EnumField, FinancialYearField, IdField, NestedField, PenceField, QuantityField, TextField, TextListField,
} from '../../http/fields';
import { RestatableDto } from '../../http/restatement.dto';

export class QuantityDto {
  @QuantityField({ example: 1200 }) value: number;
  @TextField({ max: 50, example: 'bed-days' }) unit: string;
}

export class ValuationDto {
  @EnumField(VALUATION_METHODS) method: ValuationMethod;
  @IdField({ optional: true }) unitCostId?: string;
  @PenceField({ optional: true, description: 'price of one unit in pence; when given, valuePence must equal quantity × unitValuePence' }) unitValuePence?: number;
}

export class ClaimBenefitDto extends RestatableDto {
  @IdField({ optional: true, description: 'generated when omitted' }) benefitId?: string;
  @EnumField(BENEFIT_TYPES) benefitType: BenefitType;
  @EnumField(LENSES) lens: Lens;
  @TextField({ max: 2000 }) description: string;
  @NestedField(() => QuantityDto) quantity: QuantityDto;
  @NestedField(() => ValuationDto) valuation: ValuationDto;
  @PenceField() valuePence: number;
  @EnumField(RECURRENCES) recurrence: Recurrence;
  @FinancialYearField() financialYear: string;
  @IdField() landingOrganisationId: string;
  @TextListField({ maxItems: 100, pattern: ID_PATTERN, description: 'ids of measurements recorded for this intervention' }) evidence: string[];
  @NestedField(() => DataSourceDto) source: DataSourceDto;
}

export class ReviseBenefitDto extends RestatableDto {
  @NestedField(() => QuantityDto) quantity: QuantityDto;
  @NestedField(() => ValuationDto) valuation: ValuationDto;
  @PenceField() valuePence: number;
  @TextField({ max: 2000 }) reason: string;
  @NestedField(() => DataSourceDto) source: DataSourceDto;
}

export class ValidateBenefitDto extends RestatableDto {
  @PenceField() validatedValuePence: number;
  @TextField({ max: 2000 }) note: string;
}

export class RejectBenefitDto extends RestatableDto {
  @TextField({ max: 2000 }) reason: string;
}
