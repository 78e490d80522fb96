import { Column } from './csv-file';

/** The report's header, given as options: its total (the control total the lines must add up to) and its source. */
export interface ReportHeader {
  total?: string;
  sourceSystem?: string;
  sourceReference?: string;
  sourceExtractedOn?: string;
}

/** report-lines: one row per line of one organisation's report for one year. */
export const REPORT_LINE_COLUMNS: Column[] = [
  {
    name: 'organisationId',
    type: 'text',
    required: true,
    description: 'the reporting organisation (the same on every row)',
  },
  { name: 'financialYear', type: 'text', required: true, description: 'e.g. 2019/20 (the same on every row)' },
  {
    name: 'lineId',
    type: 'text',
    required: true,
    description: "the line id, unique within the report (the row's identity)",
  },
  { name: 'description', type: 'text', required: true, description: 'what the line is' },
  { name: 'amountPence', type: 'integer', required: true, description: 'whole pence, more than 0' },
  { name: 'cashReleasing', type: 'boolean', required: true, description: 'true or false' },
  { name: 'recurrent', type: 'boolean', required: true, description: 'true or false' },
];

/** Report fields given by options, by the DTO field they fill. */
export const REPORT_OPTIONS: Record<string, string> = {
  totalPence: '--total',
  source: '--source-system',
  'source.system': '--source-system',
  'source.reference': '--source-reference',
  'source.extractedOn': '--source-extracted-on',
};
