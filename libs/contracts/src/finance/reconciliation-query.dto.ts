import { FinancialYearField, IdField } from '../http-validation/fields';
import { AsAtField } from '../read-models/value-query.dto';

export class ReconciliationQueryDto {
  @IdField({ description: 'the reporting organisation' }) organisationId: string;
  @FinancialYearField() financialYear: string;
  @AsAtField() asAt?: string;
}
