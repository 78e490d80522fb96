import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  Position,
  ReadPosition,
  ResolvedEvent,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import { CorruptEventError, DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import {
  AppendResult,
  EventHandler,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  INTERNAL_STREAM_PREFIX,
  ReadAllOptions,
  RecordedEvent,
  StoredMetadata,
  SubscribeOptions,
  Subscription,
  matchesStreamPrefixes,
} from '../event-store.port';
import { checkExpectedRevision } from '../expected-revision';
import { GENESIS_HASH, eventHash } from '../hash-chain';

/** How many of a stream's last events are searched for an earlier append of the same event ids. */
const IDEMPOTENCY_WINDOW = 100;
/** Read-then-append rounds before a conflicting append gives up. */
const APPEND_ATTEMPTS = 5;
const READ_ALL_PAGE = 1000;
/** Consecutive failed (re)subscriptions, without an event delivered in between, before onError. */
const RESUBSCRIBE_ATTEMPTS = 10;
const RESUBSCRIBE_BACKOFF_MS = 250;
const RESUBSCRIBE_BACKOFF_MAX_MS = 5000;
/** What servers before 22.6 report as the $all position of an event read from its stream. */
const NO_POSITION = 18446744073709551615n;
/** EventStoreDB stores event ids as UUIDs and reads them back lowercase; the id is hashed, so it must round-trip. */
const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type AnyResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

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
      const hash = eventHash({
        streamId,
        revision,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        prevHash,
      });
      const metadata: StoredMetadata = { ...event.metadata, eventId: event.eventId, prevHash, hash };
      prevHash = hash;
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
    let from = await this.startAfter(after);
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
    let stopped = false;
    let live: AllStreamSubscription | null = null;
    let wake: (() => void) | null = null;
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    const done = () => stopped || this.closed;

    const run = (async () => {
      let after = options.after ?? 0;
      let failures = 0;
      while (!done()) {
        let handlerFailed = false;
        try {
          const fromPosition = await this.startAfter(after);
          if (done()) return;
          // Filtered on the server: a stream-prefix subscriber (the Kafka relay) is sent only its streams;
          // everyone else is sent everything but system events. isOurs drops what a filter cannot express.
          const filter = options.streamPrefixes
            ? streamNameFilter({ prefixes: [...options.streamPrefixes] })
            : excludeSystemEvents();
          live = this.client.subscribeToAll({ fromPosition, filter });
          for await (const resolved of live) {
            if (done()) return;
            if (!isOurs(resolved) || !matchesStreamPrefixes(resolved.event.streamId, options.streamPrefixes)) continue;
            const position = positionOf(resolved);
            if (position <= after) continue;
            const event = toRecorded(resolved);
            try {
              await handler(event);
            } catch (error) {
              handlerFailed = true;
              throw error;
            }
            after = position;
            failures = 0;
          }
          if (done()) return;
          throw new Error('EventStoreDB ended the subscription');
        } catch (error) {
          if (done()) return;
          failures += 1;
          // A handler error or an unreadable event would fail again on replay; a dropped connection may not.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set in the handler's catch inside this try; TypeScript's flow analysis keeps the initial `false` here
          if (handlerFailed || error instanceof CorruptEventError || failures > RESUBSCRIBE_ATTEMPTS) {
            options.onError?.(error);
            return;
          }
        } finally {
          const ended = live;
          live = null;
          await ended?.unsubscribe().catch(() => undefined);
        }
        // Only a dropped subscription gets here: resubscribe from the last delivered position after a backoff.
        if (done()) return;
        await pause(Math.min(RESUBSCRIBE_BACKOFF_MS * 2 ** (failures - 1), RESUBSCRIBE_BACKOFF_MAX_MS));
        wake = null;
      }
    })();

    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        wake?.();
        await live?.unsubscribe().catch(() => undefined);
        await run;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The last event of ours in $all, read backwards past any system events. */
  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: READ_ALL_PAGE }),
      );
      const last = page.find(isOurs);
      if (last) return positionOf(last);
      if (page.length < READ_ALL_PAGE) return 0;
      from = eventOf(page[page.length - 1]).position;
    }
  }

  /**
   * Where to start reading for events strictly after `after`. The server refuses positions that are not a
   * record boundary (e.g. an event's position minus one), so such a position is replaced by the position of
   * the last event at or before it; callers skip events at or before `after` either way.
   */
  private async startAfter(after: number): Promise<ReadPosition> {
    if (after <= 0) return START;
    const exact: Position = { commit: BigInt(after), prepare: BigInt(after) };
    try {
      await collect(this.client.readAll({ direction: FORWARDS, fromPosition: exact, maxCount: 1 }));
      return exact;
    } catch {
      // Not a readable position; fall back to scanning backwards from the end.
    }
    let from: ReadPosition = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: READ_ALL_PAGE }),
      );
      const atOrBefore = page.find((resolved) => positionOf(resolved) <= after);
      if (atOrBefore) return eventOf(atOrBefore).position;
      if (page.length < READ_ALL_PAGE) return START;
      from = eventOf(page[page.length - 1]).position;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
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

/**
 * Excludes system events ($-types such as $metadata, $> links, $statsCollected), system streams and the
 * infrastructure's bookkeeping streams (INTERNAL_STREAM_PREFIX: the Kafka relay's checkpoint, consumed message ids).
 */
function isOurs<R extends AnyResolvedEvent>(resolved: R): resolved is R & { event: NonNullable<R['event']> } {
  const event = resolved.event;
  return (
    event !== undefined &&
    !event.type.startsWith('$') &&
    !event.streamId.startsWith('$') &&
    !event.streamId.startsWith(INTERNAL_STREAM_PREFIX)
  );
}

/** The event a resolved read carries; only a link to a deleted event comes without one. */
function eventOf<R extends AnyResolvedEvent>(resolved: R): NonNullable<R['event']> {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB returned a link without its event');
  return event;
}

function positionOf(resolved: AnyResolvedEvent): number {
  const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
  if (commit === undefined || commit === NO_POSITION) {
    throw new Error(
      `EventStoreDB did not report the $all position of ${resolved.event?.streamId}@${resolved.event?.revision} (stream reads carry it from server 22.6)`,
    );
  }
  return Number(commit);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function toRecorded(resolved: AnyResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB returned a link without its event');
  const position = positionOf(resolved);
  const revision = Number(event.revision);
  // The client falls back to the raw string / bytes when stored JSON does not parse.
  if (!event.isJson || !isJsonObject(event.data) || !isJsonObject(event.metadata)) {
    throw new CorruptEventError(position, event.streamId, revision, 'stored data or metadata is not a JSON object');
  }
  return {
    eventId: event.id,
    streamId: event.streamId,
    revision,
    position,
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as StoredMetadata,
  };
}
