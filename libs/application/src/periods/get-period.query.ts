import { FinancialYear } from '@benefit-ledger/domain';

/** A financial year's closes (with their seals) and restatements. */
export class GetPeriodQuery {
  constructor(readonly financialYear: FinancialYear) {}
}
