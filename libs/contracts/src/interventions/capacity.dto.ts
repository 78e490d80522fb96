import { HARVESTS, Harvest } from '@benefit-ledger/domain';
import {
  EnumField,
  FinancialYearField,
  IdField,
  NestedField,
  PenceField,
  QuantityField,
  TextField,
} from '../http-validation/fields';
import { DataSourceDto } from '../shared/data-source.dto';
import { RestatableDto } from '../shared/restatement.dto';

const SOURCE = {
  description:
    'where the figure came from (e.g. the bed-management system and its report), required as for costs and claims',
};

export class ReleaseCapacityDto extends RestatableDto {
  @IdField({ optional: true, description: 'generated when omitted' }) releaseId?: string;
  @IdField() benefitId: string;
  @TextField({ max: 100, example: 'bed-days' }) resource: string;
  @QuantityField() quantity: number;
  @IdField() landingOrganisationId: string;
  @FinancialYearField() financialYear: string;
  @NestedField(() => DataSourceDto, SOURCE) source: DataSourceDto;
}

export class HarvestCapacityDto extends RestatableDto {
  @EnumField(HARVESTS) harvest: Harvest;
  @QuantityField() quantity: number;
  @TextField({ max: 2000 }) rationale: string;
  @NestedField(() => DataSourceDto, SOURCE) source: DataSourceDto;
}

export class ReleaseCashDto extends RestatableDto {
  @PenceField() amountPence: number;
  @TextField({ max: 200 }) budgetLine: string;
  @NestedField(() => DataSourceDto, SOURCE) source: DataSourceDto;
}

export class ReinvestmentTargetDto {
  @TextField({ max: 500 }) description: string;
  @IdField() organisationId: string;
}

export class ReinvestCapacityDto extends RestatableDto {
  @QuantityField() quantity: number;
  @NestedField(() => ReinvestmentTargetDto) into: ReinvestmentTargetDto;
  @PenceField({
    optional: true,
    description:
      "value of the reinvested activity, when known: at most its quantity at the benefit's validated unit value; left out, it counts at that unit value",
  })
  valuePence?: number;
  @NestedField(() => DataSourceDto, SOURCE) source: DataSourceDto;
}
