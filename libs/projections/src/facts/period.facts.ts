import { PeriodEvent, RestatementRecorded } from '@benefit-ledger/domain';
import { EventFacts, StreamFacts } from './fact';

/** A close: the year, whose figures, and the seal's position and root (its heads stay in the log). */
export const periodFacts: StreamFacts = (event, _slug, add, at) => {
  if (event.type !== 'PeriodClosed') return;
  const e = event as unknown as PeriodEvent;
  const { financialYear, scope, closedAt, seal } = e.data;
  add('period_closes', {
    financial_year: financialYear,
    scope_organisation_id: scope === 'system' ? null : scope.organisationId,
    closed_at: closedAt,
    seal_position: seal.position,
    seal_root: seal.root,
    stream_count: seal.streamCount,
    ...at,
  });
};

/** A restatement, on whichever stream it was recorded (interventions, partnerships, …). */
export const restatementFacts: EventFacts = (event, add, at) => {
  const d = (event as unknown as RestatementRecorded).data;
  add('restatements', {
    stream_id: event.streamId,
    revision: event.revision,
    financial_year: d.financialYear,
    reason: d.reason,
    closes_json: JSON.stringify(d.closes),
    organisation_ids_json: JSON.stringify(d.organisationIds),
    changes_json: JSON.stringify(d.changes),
    actor_user_id: event.metadata.actor.userId,
    actor_role: event.metadata.actor.role,
    ...at,
  });
};
