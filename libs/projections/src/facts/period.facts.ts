import { PeriodEvent } from '@benefit-ledger/domain';
import { FactDecisions } from './fact';

export const PERIOD_FACTS: FactDecisions<PeriodEvent> = {
  /** A close: the year, whose figures, and the seal's position and root (its heads stay in the log). */
  PeriodClosed: (event, _slug, add, at) => {
    const { financialYear, scope, closedAt, seal } = event.data;
    add('period_closes', {
      financial_year: financialYear,
      scope_organisation_id: scope === 'system' ? null : scope.organisationId,
      closed_at: closedAt,
      seal_position: seal.position,
      seal_root: seal.root,
      stream_count: seal.streamCount,
      ...at,
    });
  },
};
