import { DECISIONS, Decision } from '@benefit-ledger/domain';
import { DateField, EnumField, TextField } from '../http-validation/fields';

export class RecordDecisionDto {
  @EnumField(DECISIONS) decision: Decision;
  @TextField({ max: 2000 }) rationale: string;
  @DateField({ optional: true, description: 'business date of the decision; defaults to today' }) decidedOn?: string;
}
