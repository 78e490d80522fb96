import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { CorruptEventError, DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import {
  AppendResult,
  EventHandler,
  EventStore,
  EventToAppend,
  EventShape,
  ExpectedRevision,
  ReadAllOptions,
  ReadEvent,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  asStreamEvents,
} from '../event-store.port';
import { checkExpectedRevision } from '../expected-revision';
import { GENESIS_HASH, chainedMetadata } from '../hash-chain';
import { READ_ALL_PAGE, headPosition, startAfter } from './eventstoredb-positions';
import { collect, eventOf, isOurs, positionOf, toRecorded } from './eventstoredb-resolved-events';
import { subscribeResuming } from './eventstoredb-subscription';

/** How many of a stream's last events are searched for an earlier append of the same event ids. */
const IDEMPOTENCY_WINDOW = 100;
/** Read-then-append rounds before a conflicting append gives up. */
const APPEND_ATTEMPTS = 5;
/** EventStoreDB stores event ids as UUIDs and reads them back lowercase; the id is hashed, so it must round-trip. */
const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The EventStoreDB / KurrentDB adapter. Positions are $all commit positions, which are unique per event for
 * appends over gRPC. Assumes a database dedicated to this ledger: every non-system event must be one of ours.
 * Idempotency by event id looks only at the stream's last IDEMPOTENCY_WINDOW events (SQLite checks the whole log).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  private constructor(private readonly client: EventStoreDBClient) {}

  static async connect(connectionString: string): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(connectionString);
    try {
      // The client connects lazily; one read fails fast on a wrong address or missing $all access.
      await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return new EventStoreDbEventStore(client);
  }

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new TypeError('append needs at least one event');
    for (const event of events) {
      if (!LOWERCASE_UUID.test(event.eventId))
        throw new TypeError(`event id '${event.eventId}' is not a lowercase UUID, which EventStoreDB requires`);
    }
    let conflict: WrongExpectedVersionError | undefined;
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt += 1) {
      const tail = await this.readTail(streamId, Math.max(IDEMPOTENCY_WINDOW, events.length));
      const replay = idempotentReplay(events, tail);
      if (replay) return replay;
      const head = tail.at(0);
      checkExpectedRevision(streamId, expected, head ? head.revision : -1);
      try {
        return await this.appendAfter(streamId, events, head);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Someone appended between our read and our write. Look again: the next round replays (same ids),
        // refuses (no_stream / exact revision no longer hold) or, for 'any' / 'stream_exists', chains onto the new head.
        conflict = error;
      }
    }
    if (conflict === undefined)
      throw new Error(`append to '${streamId}' made no attempt (APPEND_ATTEMPTS is ${APPEND_ATTEMPTS})`);
    throw new WrongExpectedRevisionError(streamId, expected, revisionOf(conflict.actualVersion));
  }

  /** Appends at exactly the head that was read, so two writers can never fork the hash chain. */
  private async appendAfter(
    streamId: string,
    events: EventToAppend[],
    head: RecordedEvent | undefined,
  ): Promise<AppendResult> {
    if (head && typeof head.metadata.hash !== 'string') {
      throw new CorruptEventError(head.position, streamId, head.revision, 'metadata has no hash to chain onto');
    }
    let prevHash = head ? head.metadata.hash : GENESIS_HASH;
    let revision = head ? head.revision : -1;
    const proposed = events.map((event) => {
      revision += 1;
      const metadata = chainedMetadata(streamId, revision, event, prevHash);
      prevHash = metadata.hash;
      return jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata: { ...metadata } });
    });
    const result = await this.client.appendToStream(streamId, proposed, {
      expectedRevision: head ? BigInt(head.revision) : NO_STREAM,
    });
    if (Number(result.nextExpectedRevision) !== revision) {
      // Only if the stream had been deleted: the server numbered the events differently from the hashes.
      throw new Error(
        `stream '${streamId}' was written at revision ${result.nextExpectedRevision}, but its hashes cover revision ${revision}`,
      );
    }
    // The append answers the last event's log position, which is its $all commit position.
    const position = result.position ? Number(result.position.commit) : (await this.readTail(streamId, 1))[0].position;
    return { nextRevision: revision, position };
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.readStreamEvents(streamId, { direction: FORWARDS, fromRevision: START });
  }

  async readStreamOf<E extends EventShape>(streamId: string): Promise<ReadEvent<E>[]> {
    return asStreamEvents<E>(await this.readStream(streamId));
  }

  async readStreamFrom(streamId: string, fromRevision: number): Promise<RecordedEvent[]> {
    return this.readStreamEvents(streamId, { direction: FORWARDS, fromRevision: BigInt(fromRevision) });
  }

  /** The stream's last `count` events, newest first. */
  private readTail(streamId: string, count: number): Promise<RecordedEvent[]> {
    return this.readStreamEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: count });
  }

  private async readStreamEvents(
    streamId: string,
    options: Parameters<EventStoreDBClient['readStream']>[1],
  ): Promise<RecordedEvent[]> {
    try {
      return (await collect(this.client.readStream(streamId, options))).map(toRecorded);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after ?? 0;
    // At least 2: each page starts at (and skips) the last event of the page before.
    const batchSize = Math.max(2, options.batchSize ?? READ_ALL_PAGE);
    // readAll has no server-side filter in this client (subscriptions do): excluded types are skipped here.
    const excluded = new Set(options.excludeTypes ?? []);
    let from = await startAfter(this.client, after);
    for (;;) {
      // Whole pages rather than one long gRPC stream, so a slow consumer holds no server read open.
      const page = await collect(this.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: batchSize }));
      for (const resolved of page) {
        const position = positionOf(resolved);
        if (position <= after) continue;
        after = position;
        if (isOurs(resolved) && !excluded.has(resolved.event.type)) yield toRecorded(resolved);
      }
      if (page.length < batchSize) return;
      from = eventOf(page[page.length - 1]).position;
    }
  }

  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription {
    const subscription = subscribeResuming(
      this.client,
      options,
      handler,
      () => this.closed,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The last event of ours in $all, read backwards past any system events. */
  headPosition(): Promise<number> {
    return headPosition(this.client);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }
}

/** Same semantics as the SQLite adapter. */
function revisionOf(actual: bigint | 'no_stream'): number {
  return actual === NO_STREAM ? -1 : Number(actual);
}

/** Appending events whose ids are already at the stream's tail, in the same place, is a no-op answered as the first time. */
function idempotentReplay(events: EventToAppend[], tail: RecordedEvent[]): AppendResult | null {
  const byId = new Map(tail.map((e) => [e.eventId, e]));
  const found = events.map((e) => byId.get(e.eventId));
  if (found.every((f) => f === undefined)) return null;
  const first = found[0];
  const last = found[found.length - 1];
  const sameAppend =
    first !== undefined &&
    found.every((f, i) => f !== undefined && f.revision === first.revision + i && f.type === events[i].type);
  if (!sameAppend || last === undefined) {
    const at = found.findIndex((f) => f !== undefined);
    throw new DuplicateEventIdError(events[at].eventId, 'was already appended in a different append');
  }
  return { nextRevision: last.revision, position: last.position };
}
