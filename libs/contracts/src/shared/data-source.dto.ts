import { DateField, TextField } from '../http-validation/fields';

/** Where a figure came from, e.g. the patient administration system and a report id. */
export class DataSourceDto {
  @TextField({ max: 200, example: 'PAS' }) system: string;
  @TextField({ max: 200, example: 'bed-days-report-2019-Q4' }) reference: string;
  @DateField({ optional: true }) extractedOn?: string;
}

/** A DataSourceDto as plain data for an event (no class prototype, no undefined keys). */
export function plainSource(source: DataSourceDto) {
  return {
    system: source.system,
    reference: source.reference,
    ...(source.extractedOn ? { extractedOn: source.extractedOn } : {}),
  };
}
