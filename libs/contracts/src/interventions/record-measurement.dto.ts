import { MEASUREMENT_KINDS, MeasurementKind } from '@benefit-ledger/domain';
import { DataSourceDto } from '../shared/data-source.dto';
import { DateField, EnumField, IdField, NestedField, NumberField, TextField } from '../http-validation/fields';

export class RecordMeasurementDto {
  @IdField({ optional: true, description: 'generated when omitted' }) measurementId?: string;
  @TextField({ max: 200, example: 'mean length of stay' }) measure: string;
  @TextField({ max: 50, example: 'days' }) unit: string;
  @EnumField(MEASUREMENT_KINDS) kind: MeasurementKind;
  @NumberField() value: number;
  @DateField() periodStart: string;
  @DateField() periodEnd: string;
  @NestedField(() => DataSourceDto) source: DataSourceDto;
}
