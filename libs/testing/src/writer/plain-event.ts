import { randomUUID } from 'node:crypto';
import { EventToAppend } from '@benefit-ledger/event-store';

/**
 * An event to append with a fresh id and fixed, minimal metadata: for tests of the store and of the command machinery,
 * where the event's meaning is beside the point and only its type and data matter.
 */
export function plainEvent(type: string, data: Record<string, unknown>): EventToAppend {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: {
      recordedAt: '2026-12-07T09:00:00.000Z',
      actor: { userId: 'u', organisationId: 'o', role: 'contributor' },
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
    },
  };
}
