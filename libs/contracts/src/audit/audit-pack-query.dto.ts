import { FinancialYearField, IdField } from '../http-validation/fields';

/** Whose audit pack, for which year (auditors: any organisation; others: their own). */
export class AuditPackQueryDto {
  @IdField({ example: 'riverside-teaching-hospitals' }) organisationId: string;
  @FinancialYearField() financialYear: string;
}
