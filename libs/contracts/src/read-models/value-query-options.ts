import { ValueQueryOptions } from '@benefit-ledger/application';
import { normaliseAsAt } from '@benefit-ledger/projections';

/** Query DTO -> the options every read-model query takes (asAt normalised to how recordedAt is stored). */
export const valueQueryOptions = (q: { financialYear?: string; asAt?: string }): ValueQueryOptions => ({
  financialYear: q.financialYear ?? null,
  asAt: q.asAt ? normaliseAsAt(q.asAt) : null,
});
