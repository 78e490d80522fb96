import { randomUUID } from 'node:crypto';
import { interventionStreamId, schemaVersionOf } from '@benefit-ledger/domain';
import {
  EventToAppend,
  ExpectedRevision,
  GENESIS_HASH,
  canonicalJson,
  chainedMetadata,
} from '@benefit-ledger/event-store';

/**
 * Append workloads for measuring the store: CostRecorded events shaped like the domain's, planned as single or
 * batched appends with exact expected revisions, and the rows the SQLite adapter will write for them.
 * Ids are random (randomUUID): these plans measure appends, and their content is never compared between runs.
 */

/** One call to `store.append(streamId, events, expected)`. */
export interface PlannedAppend {
  streamId: string;
  expected: ExpectedRevision;
  events: EventToAppend[];
}

/** A row of the `events` table exactly as the SQLite adapter writes it (position is left to AUTOINCREMENT). */
export interface EventRowValues {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

const CATEGORIES = ['staff time', 'training', 'equipment', 'licences', 'backfill', 'travel', 'consumables'];
const ROLES = ['finance', 'programme-lead', 'analyst'];
const ORGANISATIONS = ['org-RXH', 'org-RYR', 'org-RTP', 'org-RPR'];
const BASE_TIME = Date.parse('2025-04-01T09:00:00.000Z');

/** A CostRecorded event shaped like the domain's (libs/domain intervention.events.ts), with full appender metadata. */
export function costRecorded(serial: number): EventToAppend {
  const organisationId = ORGANISATIONS[serial % ORGANISATIONS.length];
  return {
    eventId: randomUUID(),
    type: 'CostRecorded',
    data: {
      costId: randomUUID(),
      costType: serial % 3 === 0 ? 'indirect' : 'direct',
      category: CATEGORIES[serial % CATEGORIES.length],
      amountPence: 1_000 + ((serial * 7_919) % 5_000_000),
      financialYear: '2025/26',
      bearerOrganisationId: organisationId,
      source: {
        system: 'ESR',
        reference: `ESR-${(100_000 + serial).toString(36).toUpperCase()}`,
        extractedOn: '2025-06-30',
      },
    },
    metadata: {
      recordedAt: new Date(BASE_TIME + serial * 1_000).toISOString(),
      actor: { userId: `user-${serial % 17}`, organisationId, role: ROLES[serial % ROLES.length] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: schemaVersionOf('CostRecorded'),
    },
  };
}

function streamIds(count: number): string[] {
  return Array.from({ length: count }, () => interventionStreamId(randomUUID()));
}

/** The expected revision of an append whose first event will have this revision. */
export function expectedFor(revisionOfFirstNewEvent: number): ExpectedRevision {
  return revisionOfFirstNewEvent === 0 ? 'no_stream' : revisionOfFirstNewEvent - 1;
}

/** `count` single-event appends, round-robin over `streams` streams, each with the exact expected revision. */
export function planSingleAppends(count: number, streams: number): PlannedAppend[] {
  const ids = streamIds(Math.min(streams, count));
  return Array.from({ length: count }, (_, index) => ({
    streamId: ids[index % ids.length],
    expected: expectedFor(Math.floor(index / ids.length)),
    events: [costRecorded(index)],
  }));
}

/** `total` events in appends of `batch`, each stream receiving `appendsPerStream` consecutive-revision appends. */
export function planBatchedAppends(total: number, batch: number, appendsPerStream: number): PlannedAppend[] {
  const calls = Math.ceil(total / batch);
  const ids = streamIds(Math.max(1, Math.ceil(calls / appendsPerStream)));
  const nextRevision = new Map<string, number>();
  const plan: PlannedAppend[] = [];
  let appended = 0;
  for (let call = 0; call < calls; call += 1) {
    const streamId = ids[call % ids.length];
    const revision = nextRevision.get(streamId) ?? 0;
    const events: EventToAppend[] = [];
    for (let k = 0; k < batch && appended < total; k += 1, appended += 1) events.push(costRecorded(appended));
    plan.push({ streamId, expected: expectedFor(revision), events });
    nextRevision.set(streamId, revision + events.length);
  }
  return plan;
}

/**
 * The rows the SQLite adapter will write for this plan, byte for byte: the same hash chain
 * (hash-chain.ts chainedMetadata, 64-zero genesis) and the same canonical JSON (canonicalJson) of data and of
 * `{ ...metadata, eventId, prevHash, hash }`. Computed before timing, so the raw baseline pays
 * for none of it.
 */
export function rowsFor(plan: PlannedAppend[]): EventRowValues[] {
  const heads = new Map<string, { revision: number; hash: string }>();
  const rows: EventRowValues[] = [];
  for (const { streamId, events } of plan) {
    for (const event of events) {
      const head = heads.get(streamId);
      const revision = head ? head.revision + 1 : 0;
      const prevHash = head ? head.hash : GENESIS_HASH;
      const metadata = chainedMetadata(streamId, revision, event, prevHash);
      rows.push({
        eventId: event.eventId,
        streamId,
        revision,
        type: event.type,
        data: canonicalJson(event.data),
        metadata: canonicalJson(metadata),
      });
      heads.set(streamId, { revision, hash: metadata.hash });
    }
  }
  return rows;
}
