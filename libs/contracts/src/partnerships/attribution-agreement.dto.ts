import { BENEFIT_TYPES, BenefitType } from '@benefit-ledger/domain';
import {
  BasisPointsField,
  EnumListField,
  FinancialYearField,
  IdField,
  NestedListField,
} from '../http-validation/fields';
import { RestatableDto } from '../shared/restatement.dto';

export class AttributionShareDto {
  @IdField() organisationId: string;
  @BasisPointsField({ example: 6000 }) basisPoints: number;
}

export class SetAttributionAgreementDto extends RestatableDto {
  @NestedListField(() => AttributionShareDto, {
    minItems: 1,
    maxItems: 50,
    description: 'one share per current member named; the shares sum to 10000',
  })
  shares: AttributionShareDto[];
  @EnumListField(BENEFIT_TYPES, { description: 'the benefit types the agreement covers' }) benefitTypes: BenefitType[];
  @FinancialYearField({ description: 'in force from this financial year until a later version takes effect' })
  effectiveFrom: string;
}
