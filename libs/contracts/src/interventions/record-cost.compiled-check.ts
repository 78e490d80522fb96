import { COST_TYPES, isCalendarDate, isFinancialYear } from '@benefit-ledger/domain';
import {
  CompiledCheck,
  instanceOf,
  isIdText,
  isObjectWithOnly,
  isPence,
  isText,
} from '../http-validation/compiled-checks';
import { DataSourceDto } from '../shared/data-source.dto';
import { RecordCostDto } from './record-cost.dto';

const COST_KEYS = new Set([
  'costId',
  'costType',
  'category',
  'amountPence',
  'financialYear',
  'bearerOrganisationId',
  'source',
  'restatement',
]);
const SOURCE_KEYS = new Set(['system', 'reference', 'extractedOn']);

/**
 * RecordCostDto's rules as plain code, for the busiest write (a cost); see CompiledCheck. A body with a
 * restatement is left to class-validator (rare: finance restating a closed year).
 */
export const recordCostCheck: CompiledCheck<RecordCostDto> = (plain) => {
  if (!isObjectWithOnly(plain, COST_KEYS)) return null;
  const source = plain.source;
  const sure =
    plain.restatement === undefined &&
    (plain.costId === undefined || isIdText(plain.costId)) &&
    (COST_TYPES as readonly unknown[]).includes(plain.costType) &&
    isText(plain.category, 200) &&
    isPence(plain.amountPence) &&
    isFinancialYear(plain.financialYear) &&
    isIdText(plain.bearerOrganisationId) &&
    isObjectWithOnly(source, SOURCE_KEYS) &&
    isText(source.system, 200) &&
    isText(source.reference, 200) &&
    (source.extractedOn === undefined || isCalendarDate(source.extractedOn));
  if (!sure) return null;
  return instanceOf(RecordCostDto, plain, { source: instanceOf(DataSourceDto, source as Record<string, unknown>) });
};
