import { COST_TYPES, CostType } from '@benefit-ledger/domain';
import { DataSourceDto } from '../shared/data-source.dto';
import { EnumField, FinancialYearField, IdField, NestedField, PenceField, TextField } from '../http-validation/fields';
import { RestatableDto } from '../shared/restatement.dto';

export class RecordCostDto extends RestatableDto {
  @IdField({ optional: true, description: 'generated when omitted' }) costId?: string;
  @EnumField(COST_TYPES) costType: CostType;
  @TextField({ max: 200, example: 'improvement-team-time' }) category: string;
  @PenceField() amountPence: number;
  @FinancialYearField() financialYear: string;
  @IdField() bearerOrganisationId: string;
  @NestedField(() => DataSourceDto) source: DataSourceDto;
}
