import { BASE_SCHEMA_VERSION, DomainEvent, schemaVersionOf } from '@benefit-ledger/domain';
import { EventToAppend } from '@benefit-ledger/event-store';
import { CommandContext } from './command-context';

/** The schema version of events with no version of their own (every type not in EVENT_SCHEMA_VERSIONS, and idempotent answers). */
export const SCHEMA_VERSION = BASE_SCHEMA_VERSION;

/** The metadata of every event a command appends (the answers recorded for Idempotency-Keys too). */
export function eventMetadata(
  context: Pick<CommandContext, 'now' | 'actor' | 'correlationId' | 'causationId'>,
): EventToAppend['metadata'] {
  return {
    recordedAt: context.now.toISOString(),
    actor: { userId: context.actor.userId, organisationId: context.actor.organisationId, role: context.actor.role },
    correlationId: context.correlationId,
    causationId: context.causationId,
    schemaVersion: SCHEMA_VERSION,
  };
}

/** Domain events -> events to append, with the command's metadata and the schema version of each event's type. */
export function toAppend(
  events: readonly DomainEvent[],
  context: CommandContext,
  newId: () => string,
): EventToAppend[] {
  return events.map((event) => ({
    eventId: newId(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { ...eventMetadata(context), schemaVersion: schemaVersionOf(event.type) },
  }));
}
