import { randomUUID } from 'node:crypto';
import { interventionStreamId } from '@benefit-ledger/domain';
import { EventStore, EventToAppend } from '@benefit-ledger/event-store';

/** Events per append while growing a log: large appends, so growing it is quick (each is still hashed and chained). */
const APPEND_BATCH = 1_000;
/** Events in each intervention stream added only to make the log longer. */
const FILLER_STREAM_EVENTS = 1_000;

export interface GrowTo {
  /** Interventions already in the log (the first is the template), each grown to `streamEvents` events. */
  interventionIds: string[];
  streamEvents: number;
  /** Who bears the costs added. */
  bearerOrganisationId: string;
  /** Then, when set, other interventions (registered like the first one, then costs) until the log holds this many. */
  logEvents?: number;
}

function costEvent(template: EventToAppend, bearerOrganisationId: string, serial: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'CostRecorded',
    data: {
      costId: `fill-${serial}`,
      costType: 'direct',
      category: 'improvement team',
      amountPence: 1_000 + (serial % 997),
      financialYear: '2019/20',
      bearerOrganisationId,
      source: { system: 'PAS', reference: `fill-${serial}`, extractedOn: '2020-05-01' },
    },
    metadata: { ...template.metadata, correlationId: randomUUID(), causationId: randomUUID() },
  };
}

/** Appends `count` events made by `make` to a stream that holds `revision + 1` events, in large appends. */
async function appendMany(
  store: EventStore,
  streamId: string,
  revision: number,
  count: number,
  make: (index: number) => EventToAppend,
): Promise<void> {
  for (let done = 0; done < count;) {
    const size = Math.min(APPEND_BATCH, count - done);
    const events = Array.from({ length: size }, (_, k) => make(done + k));
    await store.append(streamId, events, revision === -1 ? 'no_stream' : revision);
    revision += size;
    done += size;
  }
}

/**
 * Grows a log written by the API through the store port, while no API holds it: the given interventions to
 * `streamEvents` events each (costs), then other registered interventions until the log holds `logEvents`.
 * Every event is a real domain event (copied from the log's own registration), so the read models fold them.
 */
export async function growLog(store: EventStore, target: GrowTo): Promise<void> {
  const first = target.interventionIds.at(0);
  const registration = first === undefined ? undefined : (await store.readStream(interventionStreamId(first))).at(0);
  if (!registration) throw new Error('the log has none of the interventions to grow');
  const template: EventToAppend = {
    eventId: registration.eventId,
    type: registration.type,
    data: registration.data,
    metadata: registration.metadata,
  };
  let serial = 0;
  for (const interventionId of target.interventionIds) {
    const streamId = interventionStreamId(interventionId);
    const held = (await store.readStream(streamId)).length;
    await appendMany(store, streamId, held - 1, Math.max(0, target.streamEvents - held), () =>
      costEvent(template, target.bearerOrganisationId, serial++),
    );
  }
  if (target.logEvents === undefined) return;
  for (let filler = 0; (await store.headPosition()) < target.logEvents; filler += 1) {
    const id = `fill-${filler}`;
    const remaining = target.logEvents - (await store.headPosition());
    const count = Math.min(FILLER_STREAM_EVENTS, remaining);
    await appendMany(store, interventionStreamId(id), -1, count, (index) =>
      index === 0
        ? {
            ...template,
            eventId: randomUUID(),
            data: { ...template.data, interventionId: id, title: `Filler ${filler}` },
          }
        : costEvent(template, target.bearerOrganisationId, serial++),
    );
  }
}
