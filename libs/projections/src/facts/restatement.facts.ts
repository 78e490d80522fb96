import { RestatementRecorded } from '@benefit-ledger/domain';
import { EventFacts } from './fact';

/** A restatement, on whichever stream it was recorded (interventions, partnerships, finance reports). */
export const restatementFacts: EventFacts<RestatementRecorded> = (event, _entityId, add, at) => {
  const d = event.data;
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
