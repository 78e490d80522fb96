import { Matches } from 'class-validator';
import { DataSourceDto } from '../shared/data-source.dto';
import { DateField, FinancialYearField, IdField, NestedField, PenceField, TextField } from '../http-validation/fields';

export class PublishUnitCostDto {
  @IdField({ example: 'excess-bed-day' }) unitCostId: string;
  @TextField({ max: 200, example: 'excess bed-day, non-elective' }) resource: string;
  @TextField({ max: 50, example: 'bed-day' }) unit: string;
  @PenceField({ description: 'the price of one unit in pence' }) pricePence: number;
  @NestedField(() => DataSourceDto) source: DataSourceDto;
  @IdField({ example: 'NCC-2019-20', description: 'names this edition of the price; unique per unit cost' })
  edition: string;
  @FinancialYearField({ description: 'the financial year the price is expressed in' }) priceYear: string;
  @DateField({ description: "the date from which this edition applies; later than the previous edition's" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date like 2019-04-01' })
  validFrom: string;
}
