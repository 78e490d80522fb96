import { COST_TYPES, CostType } from '@benefit-ledger/domain';
import { DataSourceDto } from '../../http/data-source.dto';
import { EnumField, FinancialYearField, IdField, NestedField, PenceField, TextField } from '../../http/fields';
import { RestatableDto } from '../../http/restatement.dto';

export class RecordCostDto extends RestatableDto {
  @IdField({ optional: true, description: 'generated when omitted' }) costId?: string;
  @EnumField(COST_TYPES) costType: CostType;
  @TextField({ max: 200, example: 'improvement-team-time' }) category: string;
  @PenceField() amountPence: number;
  @FinancialYearField() financialYear: string;
  @IdField() bearerOrganisationId: string;
  @NestedField(() => DataSourceDto) source: DataSourceDto;
}
