import Database from 'better-sqlite3';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import { AppendResult, EventToAppend, ExpectedRevision, StoredJson, StoredMetadata } from '../event-store.port';
import { checkExpectedRevision } from '../expected-revision';
import { GENESIS_HASH, canonicalJson, chainedMetadata } from '../hash-chain';
import { Outcome } from './group-commit';
import { OwnCommitRun } from './own-commit-run';

export interface AppendRequest {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
}

/** An append's result, and whether it wrote its events (false: answered as a replay of an earlier append). */
export interface AppendOutcome extends AppendResult {
  written: boolean;
  /** Written: each event's data and metadata as stored, for the store's append notices. */
  stored?: StoredJson[];
}

/**
 * Writes a group of appends on one connection: one BEGIN IMMEDIATE … COMMIT (so one fsync) for the group, each
 * append in a SAVEPOINT of its own, so that a wrong expected revision or a duplicate id refuses that append alone.
 * Runs on the store's own thread or on its append worker (append-worker.ts); the same code either way.
 */
export class SqliteAppender {
  private readonly statements;
  private readonly appendAll: Database.Transaction<(requests: readonly AppendRequest[]) => Outcome<AppendOutcome>[]>;

  /** `ownRun`: told the positions of each group once its COMMIT has returned. */
  constructor(
    db: Database.Database,
    readonly ownRun = new OwnCommitRun(),
  ) {
    this.statements = {
      head: db.prepare<[string], { revision: number; metadata: string }>(
        'SELECT revision, metadata FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      byEventId: db.prepare<[string], { stream_id: string; revision: number; type: string; position: number }>(
        'SELECT stream_id, revision, type, position FROM events WHERE event_id = ?',
      ),
      insert: db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
    // Called inside the group's transaction, better-sqlite3 makes this a SAVEPOINT, rolled back alone if it throws.
    const appendOne = db.transaction((request: AppendRequest) =>
      this.appendInTransaction(request.streamId, request.events, request.expected),
    );
    this.appendAll = db.transaction((requests: readonly AppendRequest[]) =>
      requests.map((request): Outcome<AppendOutcome> => {
        try {
          return { ok: true, value: appendOne(request) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /** BEGIN IMMEDIATE: the write lock is taken before any head is read, so the revision checks hold. */
  commit(requests: readonly AppendRequest[]): Outcome<AppendOutcome>[] {
    const outcomes = this.appendAll.immediate(requests);
    // the positions written, first to last: refused appends rolled back their savepoints, positions included
    let first = 0;
    let last = 0;
    outcomes.forEach((outcome, index) => {
      if (!outcome.ok || !outcome.value.written) return;
      if (first === 0) first = outcome.value.position - requests[index].events.length + 1;
      last = outcome.value.position;
    });
    if (last > 0) this.ownRun.committed(first, last);
    return outcomes;
  }

  private appendInTransaction(streamId: string, events: EventToAppend[], expected: ExpectedRevision): AppendOutcome {
    const replay = this.idempotentReplay(streamId, events);
    if (replay) return replay;

    const head = this.statements.head.get(streamId);
    const current = head ? head.revision : -1;
    checkExpectedRevision(streamId, expected, current);

    let prevHash = head ? (JSON.parse(head.metadata) as StoredMetadata).hash : GENESIS_HASH;
    let revision = current;
    let position = 0;
    const stored: StoredJson[] = [];
    for (const event of events) {
      revision += 1;
      const metadata = chainedMetadata(streamId, revision, event, prevHash);
      const json = { data: canonicalJson(event.data), metadata: canonicalJson(metadata) };
      const info = this.statements.insert.run(event.eventId, streamId, revision, event.type, json.data, json.metadata);
      position = Number(info.lastInsertRowid);
      prevHash = metadata.hash;
      stored.push(json);
    }
    return { nextRevision: revision, position, written: true, stored };
  }

  /** Appending events whose ids are already stored, in the same place, is a no-op answered as the first time. */
  private idempotentReplay(streamId: string, events: EventToAppend[]): AppendOutcome | null {
    const found = events.map((e) => this.statements.byEventId.get(e.eventId));
    if (found.every((f) => f === undefined)) return null;
    const first = found[0];
    const last = found[found.length - 1];
    const sameAppend =
      first !== undefined &&
      found.every(
        (f, i) =>
          f !== undefined && f.stream_id === streamId && f.revision === first.revision + i && f.type === events[i].type,
      );
    if (!sameAppend || last === undefined) {
      const at = found.findIndex((f) => f !== undefined);
      throw new DuplicateEventIdError(events[at].eventId, 'was already appended in a different append');
    }
    return { nextRevision: last.revision, position: last.position, written: false };
  }
}

/** A refusal as it crosses from the append worker to the store: plain data, made an error of the same class again. */
export type SentError =
  | { name: 'WrongExpectedRevisionError'; streamId: string; expected: ExpectedRevision; actual: number }
  | { name: 'DuplicateEventIdError'; eventId: string; message: string }
  | { name: string; message: string };

export function sendableError(error: unknown): SentError {
  if (error instanceof WrongExpectedRevisionError)
    return {
      name: 'WrongExpectedRevisionError',
      streamId: error.streamId,
      expected: error.expected,
      actual: error.actual,
    };
  if (error instanceof DuplicateEventIdError)
    return { name: 'DuplicateEventIdError', eventId: error.eventId, message: error.message };
  return {
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
  };
}

export function receivedError(sent: SentError): Error {
  if ('actual' in sent) return new WrongExpectedRevisionError(sent.streamId, sent.expected, sent.actual);
  if ('eventId' in sent) {
    const error = new DuplicateEventIdError(sent.eventId, '');
    error.message = sent.message;
    return error;
  }
  const error = new Error(sent.message);
  error.name = sent.name;
  return error;
}
