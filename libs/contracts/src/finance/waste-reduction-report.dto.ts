import { DataSourceDto } from '../shared/data-source.dto';
import { RestatableDto } from '../shared/restatement.dto';
import {
  BooleanField,
  FinancialYearField,
  IdField,
  NestedField,
  NestedListField,
  PenceField,
  TextField,
} from '../http-validation/fields';

export class ReportLineDto {
  @IdField({ example: 'CIP-07' }) lineId: string;
  @TextField({ max: 500, example: 'Length of stay reduction, frailty wards' }) description: string;
  @PenceField() amountPence: number;
  @BooleanField({ description: 'whether the line is reported as cash-releasing' }) cashReleasing: boolean;
  @BooleanField({ description: 'whether the line is reported as recurrent' }) recurrent: boolean;
}

/** A waste-reduction report (cost-improvement figures): the total must equal the sum of its lines. */
export class WasteReductionReportDto extends RestatableDto {
  @IdField({ example: 'riverside-teaching-hospitals' }) organisationId: string;
  @FinancialYearField() financialYear: string;
  @PenceField({ description: 'the reported total in pence; must equal the sum of the lines' }) totalPence: number;
  @NestedListField(() => ReportLineDto, { minItems: 1, maxItems: 500 }) lines: ReportLineDto[];
  @NestedField(() => DataSourceDto) source: DataSourceDto;
}
