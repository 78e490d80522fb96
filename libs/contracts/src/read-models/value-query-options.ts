import { ValueQueryOptions } from '@benefit-ledger/application';
import { normaliseAsAt } from '@benefit-ledger/projections';

/** Query DTO -> the options every read-model query takes (asAt normalised to how recordedAt is stored). */
export const valueQueryOptions = (query: { financialYear?: string; asAt?: string }): ValueQueryOptions => ({
  financialYear: query.financialYear ?? null,
  asAt: query.asAt ? normaliseAsAt(query.asAt) : null,
});
