import { RestatementRecorded } from '@benefit-ledger/domain';
import { EventFacts } from './fact';

/** A restatement, on whichever stream it was recorded (interventions, partnerships, finance reports). */
export const restatementFacts: EventFacts<RestatementRecorded> = (event, _entityId, add, at) => {
  const data = event.data;
  add('restatements', {
    stream_id: event.streamId,
    revision: event.revision,
    financial_year: data.financialYear,
    reason: data.reason,
    closes_json: JSON.stringify(data.closes),
    organisation_ids_json: JSON.stringify(data.organisationIds),
    changes_json: JSON.stringify(data.changes),
    actor_user_id: event.metadata.actor.userId,
    actor_role: event.metadata.actor.role,
    ...at,
  });
};
