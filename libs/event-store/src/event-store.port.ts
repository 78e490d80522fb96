/**
 * The one port every event store adapter implements (SQLite embedded, EventStoreDB).
 * Both adapters must pass libs/event-store/test/event-store.contract.ts.
 */

/** What the appender expects of the stream: any state, no stream yet, an existing stream, or an exact revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface ActorMetadata {
  userId: string;
  organisationId: string;
  role: string;
}

/** Metadata supplied by the appender (docs/design.md#the-events). */
export interface EventMetadata {
  recordedAt: string;
  actor: ActorMetadata;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
}

/** Metadata as stored: the appender's plus the event id and the integrity fields (docs/design.md#integrity). */
export interface StoredMetadata extends EventMetadata {
  eventId: string;
  /** sha256 of the previous event in the stream (64 zeros for the first). */
  prevHash: string;
  /** sha256 over prevHash and this event's RFC 8785 canonical form. */
  hash: string;
}

export interface EventToAppend {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  eventId: string;
  streamId: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Position in the global log; increases with every append, across streams. */
  position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: StoredMetadata;
  /**
   * The text `data` and `metadata` were parsed from, from a store that keeps JSON text (SQLite): verify checks that it
   * is exactly their canonical form (RFC 8785), the bytes the hash covers. Absent where the store parses for us.
   */
  storedJson?: StoredJson;
}

/** What a typed read is typed over: a domain event's type and data (DomainEvent in libs/domain). */
export interface EventShape {
  readonly type: string;
  readonly data: unknown;
}

/**
 * A recorded event read as one of a union of domain events (`ReadEvent<InterventionEvent>`): narrowing on `type`
 * narrows `data`, with no cast at the reader. The data is as stored: an older schema version still needs its
 * stream's upcast (libs/domain, `*.upcast.ts`).
 */
export type ReadEvent<E extends EventShape> = E extends EventShape
  ? Omit<RecordedEvent, 'type' | 'data'> & { readonly type: E['type']; readonly data: E['data'] }
  : never;

/**
 * Recorded events as events of the union their stream holds. The one unchecked step of a typed read, taken here
 * only: a stream's kind (its id's prefix) says which decider wrote it, and so which union its events belong to.
 */
export function asStreamEvents<E extends EventShape>(events: readonly RecordedEvent[]): ReadEvent<E>[] {
  return events as unknown as ReadEvent<E>[];
}

/** One recorded event as an event of its stream's union (asStreamEvents): narrow it by `type` next. */
export function asStreamEvent<E extends EventShape>(event: RecordedEvent): ReadEvent<E> {
  return event as unknown as ReadEvent<E>;
}

/** An event's data and metadata as the store holds them. */
export interface StoredJson {
  data: string;
  metadata: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: number;
}

/** An append one store instance has just committed (durable), as it tells its `onAppended` listeners. */
export interface CommittedAppend {
  streamId: string;
  events: readonly EventToAppend[];
  /** The global position of its last event. */
  position: number;
  /** False when it was answered as a replay of an earlier append of the same event ids: nothing new was written. */
  written: boolean;
  /** The stream revision of its last event. */
  nextRevision: number;
  /**
   * Written: each event's data and metadata exactly as stored (the metadata with its eventId, prevHash and hash), so
   * a listener can make the recorded events without reading them back. Its events' positions and revisions are
   * consecutive, ending at `position` and `nextRevision`.
   */
  stored?: readonly StoredJson[];
}

export interface ReadAllOptions {
  /** Read events strictly after this global position (0 or absent: from the start). */
  after?: number;
  /** Page size used internally; tune for throughput. */
  batchSize?: number;
  /** Leave out events of these types (SQLite: in the query, so they are never read or parsed; EventStoreDB: in the adapter). */
  excludeTypes?: readonly string[];
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface Subscription {
  /** Resolves when the subscription has stopped delivering. */
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  after?: number;
  /**
   * Deliver only events of streams whose id starts with one of these prefixes (all streams when absent).
   * EventStoreDB filters on the server, so a subscriber is not sent what it would drop.
   */
  streamPrefixes?: readonly string[];
  /** Called if the subscription fails (handler error or store error); it has stopped by then. */
  onError?: (error: unknown) => void;
}

export interface EventStore {
  /**
   * Appends atomically; resolves only once the events are durable (appends made together may share one commit,
   * but each is checked and refused on its own). Idempotent by event id: appending the
   * same events again answers the first result (SQLite: ids anywhere in the log; EventStoreDB: the
   * stream's last 100 events).
   */
  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** The stream's events in order; [] if the stream does not exist. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /**
   * The stream's events typed as the union its kind of stream holds (`readStreamOf<InterventionEvent>(id)`);
   * otherwise readStream.
   */
  readStreamOf<E extends EventShape>(streamId: string): Promise<ReadEvent<E>[]>;
  /** The stream's events from this revision on (inclusive), in order; [] if there are none. */
  readStreamFrom(streamId: string, fromRevision: number): Promise<RecordedEvent[]>;
  /** The global log in order, from a position. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** The global position of the last event in the log (0 when empty). */
  headPosition(): Promise<number>;
  /**
   * Optional (SQLite): calls `listener` with every group of appends this instance commits, once durable and before
   * any of them is answered; appends by other instances or processes are not told. Answers a function that stops it.
   */
  onAppended?(listener: (appends: readonly CommittedAppend[]) => void): () => void;
  /**
   * Optional (SQLite): the latest unbroken run of positions this instance has committed itself, including groups
   * durable but not yet told to its `onAppended` listeners (own-commit-run.ts). Read after `headPosition`, a head
   * inside the run means every event past what was told is this instance's own.
   */
  ownCommits?(): { from: number; upTo: number };
  /** Catches up from a position, then delivers new events live, one at a time, in order. */
  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * Streams under this prefix hold infrastructure bookkeeping (the Kafka relay's checkpoint, consumed message
 * ids) kept beside the log in EventStoreDB. They are not ledger events: the EventStoreDB adapter's readAll,
 * subscribeToAll and headPosition never return them, and the ledger never names a stream this way (with the
 * embedded store that bookkeeping lives in its own SQLite file, not in the log).
 */
export const INTERNAL_STREAM_PREFIX = 'benefit-ledger.internal.';

/** Whether a subscriber that asked for these stream prefixes wants an event of this stream. */
export function matchesStreamPrefixes(streamId: string, prefixes: readonly string[] | undefined): boolean {
  return prefixes === undefined || prefixes.some((prefix) => streamId.startsWith(prefix));
}
