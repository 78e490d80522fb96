import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CorruptEventError } from '../errors';
import {
  AppendResult,
  CommittedAppend,
  EventHandler,
  EventStore,
  EventToAppend,
  EventShape,
  ExpectedRevision,
  ReadAllOptions,
  ReadEvent,
  RecordedEvent,
  StoredMetadata,
  SubscribeOptions,
  Subscription,
  asStreamEvents,
  matchesStreamPrefixes,
} from '../event-store.port';
import { AppendWorkerClient } from './append-worker-client';
import { GroupCommit, Outcome } from './group-commit';
import { OwnCommitRun, OwnCommits } from './own-commit-run';
import { AppendOutcome, AppendRequest, SqliteAppender } from './sqlite-appender';
import { SQLITE_PRAGMAS, SQLITE_SCHEMA, SqliteEventRow } from './sqlite-schema';
import { upgradeStoredJsonForm } from './stored-json-form';

/** How often a live subscription looks for appends made by another process on the same file. */
const POLL_MS = 200;

/**
 * The embedded default: the whole log in one SQLite file (better-sqlite3, WAL, synchronous=FULL). Each event's data and
 * metadata are stored as their RFC 8785 canonical JSON, the very bytes its hash covers (stored-json-form.ts).
 *
 * Appends are group-committed: those arriving together share one BEGIN IMMEDIATE … COMMIT, so one fsync, and each
 * runs in a savepoint of its own (sqlite-appender.ts), so a wrong expected revision or a duplicate id refuses only that
 * append. Each is answered only after the COMMIT has returned. Compiled, the commits run on an append worker thread
 * with its own connection (append-worker-client.ts), so this thread serves requests during the fsync, and hands on the
 * next appends while a transaction is in progress (group-commit.ts); from TypeScript sources, on this thread.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly appendListeners = new Set<(appends: readonly CommittedAppend[]) => void>();
  private readonly statements;
  private readonly groupCommit: GroupCommit<AppendRequest, AppendResult>;
  private readonly worker: AppendWorkerClient | null;
  private readonly ownRun: OwnCommitRun;
  private closed = false;

  /** `appendWorker: false` keeps appends on this thread even when the compiled worker is there. */
  constructor(
    readonly file: string,
    options: { appendWorker?: boolean } = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    for (const pragma of SQLITE_PRAGMAS) this.db.pragma(pragma);
    this.db.exec(SQLITE_SCHEMA);
    upgradeStoredJsonForm(this.db);
    this.appended.setMaxListeners(0);
    this.statements = {
      stream: this.db.prepare<[string], SqliteEventRow>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision'),
      streamFrom: this.db.prepare<[string, number], SqliteEventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision',
      ),
      page: this.db.prepare<[number, number], SqliteEventRow>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      atPositions: this.db.prepare<[string], SqliteEventRow>(
        'SELECT * FROM events WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position',
      ),
      head: this.db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck(),
    };
    const here = new SqliteAppender(this.db);
    this.worker =
      file !== ':memory:' && options.appendWorker !== false && AppendWorkerClient.available()
        ? new AppendWorkerClient(file, (requests, outcomes) => this.committed(requests, outcomes))
        : null;
    this.ownRun = this.worker ? this.worker.ownRun : here.ownRun;
    this.groupCommit = new GroupCommit((requests) =>
      this.worker ? this.worker.commit(requests) : this.committed(requests, here.commit(requests)),
    );
  }

  /**
   * Once a group is durable, before anyone is answered: tells the append listeners, wakes the live subscriptions,
   * and answers each append its result (a replay exactly as the first time: whether it wrote is for listeners only).
   */
  private committed(requests: readonly AppendRequest[], outcomes: Outcome<AppendOutcome>[]): Outcome<AppendResult>[] {
    const appends: CommittedAppend[] = [];
    const answers = outcomes.map((outcome, index): Outcome<AppendResult> => {
      if (!outcome.ok) return outcome;
      const { nextRevision, position, written, stored } = outcome.value;
      const { streamId, events } = requests[index];
      appends.push({ streamId, events, position, written, nextRevision, stored });
      return { ok: true, value: { nextRevision, position } };
    });
    for (const listener of this.appendListeners) {
      try {
        listener(appends);
      } catch (error) {
        // the group is durable whatever a listener does: its appends must still be answered as committed
        process.emitWarning(`an append listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const last = appends.reduce((position, append) => Math.max(position, append.position), 0);
    if (last > 0) this.appended.emit('appended', last);
    return answers;
  }

  onAppended(listener: (appends: readonly CommittedAppend[]) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new TypeError('append needs at least one event');
    if (this.closed) throw new Error('the event store is closed');
    return this.groupCommit.submit({ streamId, events, expected });
  }

  readStream(streamId: string): Promise<RecordedEvent[]> {
    return answer(() => this.statements.stream.all(streamId).map(toRecorded));
  }

  async readStreamOf<E extends EventShape>(streamId: string): Promise<ReadEvent<E>[]> {
    return asStreamEvents<E>(await this.readStream(streamId));
  }

  readStreamFrom(streamId: string, fromRevision: number): Promise<RecordedEvent[]> {
    return answer(() => this.statements.streamFrom.all(streamId, fromRevision).map(toRecorded));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port's AsyncIterable, read lazily page by page from synchronous SQLite: an async generator is that, with nothing to await
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = options.after ?? 0;
    const batchSize = options.batchSize ?? 2000;
    const excluded = options.excludeTypes ?? [];
    // The excluded types as bound parameters, one `?` each: SQLite then tests each row against a small fixed list.
    const page: Database.Statement<unknown[], SqliteEventRow> =
      excluded.length === 0
        ? this.statements.page
        : this.db.prepare(
            `SELECT * FROM events WHERE position > ? AND type NOT IN (${excluded.map(() => '?').join(', ')}) ORDER BY position LIMIT ?`,
          );
    for (;;) {
      // Pages rather than one long iterator: an open better-sqlite3 iterator would block appends.
      const rows = page.all(after, ...excluded, batchSize); // with nothing excluded, the spread adds no parameter
      for (const row of rows) yield toRecorded(row);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1].position;
    }
  }

  /** The events at these global positions, in log order (a rebuild reads the few its SQL leaves to the fold). */
  readPositions(positions: readonly number[]): RecordedEvent[] {
    return positions.length === 0 ? [] : this.statements.atPositions.all(JSON.stringify(positions)).map(toRecorded);
  }

  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription {
    let stopped = false;
    let wake: (() => void) | null = null;
    const onAppend = () => wake?.();
    this.appended.on('appended', onAppend);
    const sleep = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    // read through a function: `stop` below sets the flag, which flow analysis does not see inside this loop
    const isStopped = () => stopped;
    const run = (async () => {
      let after = options.after ?? 0;
      try {
        while (!isStopped() && !this.closed) {
          let delivered = 0;
          for await (const event of this.readAll({ after })) {
            if (isStopped()) return;
            if (matchesStreamPrefixes(event.streamId, options.streamPrefixes)) await handler(event);
            after = event.position;
            delivered += 1;
          }
          if (delivered === 0) await sleep();
          wake = null;
        }
      } catch (error) {
        if (!isStopped()) options.onError?.(error);
      } finally {
        this.appended.off('appended', onAppend);
      }
    })();
    return {
      stop: async () => {
        stopped = true;
        wake?.();
        await run;
      },
    };
  }

  headPosition(): Promise<number> {
    return answer(() => this.headPositionNow());
  }

  /** The same, synchronously (for progress bars). */
  headPositionNow(): number {
    return this.statements.head.get() ?? 0;
  }

  ownCommits(): OwnCommits {
    return this.ownRun.now();
  }

  /**
   * The highest position ever issued (AUTOINCREMENT's sqlite_sequence). Positions are never reused and, in
   * normal operation, never skipped, so positions missing below it are events deleted from the file.
   */
  highestIssuedPosition(): Promise<number> {
    return answer(() => {
      const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as
        { seq: number } | undefined;
      return row?.seq ?? 0;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.groupCommit.drain(); // appends already submitted are committed (or refused), never left unanswered
    this.closed = true;
    await this.worker?.close();
    this.appended.emit('appended', 0);
    this.db.close();
  }
}

/** Synchronous SQLite work behind the port's promise; a throw becomes a rejection, as from an async method. */
const answer = <T>(work: () => T): Promise<T> =>
  new Promise((resolve) => {
    resolve(work());
  });

function toRecorded(row: SqliteEventRow): RecordedEvent {
  let data: Record<string, unknown>;
  let metadata: StoredMetadata;
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
    metadata = JSON.parse(row.metadata) as StoredMetadata;
  } catch (error) {
    throw new CorruptEventError(
      row.position,
      row.stream_id,
      row.revision,
      `stored JSON does not parse (${(error as Error).message})`,
    );
  }
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data,
    metadata,
    storedJson: { data: row.data, metadata: row.metadata },
  };
}
