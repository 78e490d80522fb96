import { EventStore, RecordedEvent } from '../event-store.port';
import type { BrokenEvent } from '../verify-log';
import { SEAL_ALGORITHM, Seal, StreamHead, StreamHeads, byStreamId, sealRoot } from './stream-heads';

/** The event that carries a seal, and what it seals. */
export interface SealedBy {
  label: string;
  streamId: string;
  revision: number;
  position: number;
  eventId: string;
  sealedPosition: number;
  root: string;
}

export type SealFinding = { verified: SealedBy & { streamCount: number } } | { broken: BrokenEvent };

/**
 * Checks one seal against the log as verified so far (`heads`: every stream's head just before the sealing
 * event): the root must be the Merkle root of the listed heads, and the listed heads must be exactly the
 * streams' heads at the sealed position. A stream whose head differs is named with the revision that no
 * longer matches: rewritten (same revision, other hash), truncated, removed, or grown before the seal.
 */
export async function checkSeal(
  store: EventStore,
  heads: StreamHeads,
  event: RecordedEvent,
  seal: Seal,
  label: string,
): Promise<SealFinding> {
  const by: SealedBy = {
    label,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    eventId: event.eventId,
    sealedPosition: seal.position,
    root: seal.root,
  };
  const atSeal = (reason: string): SealFinding => ({
    broken: {
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      eventId: event.eventId,
      type: event.type,
      reason,
      seal: by,
    },
  });
  const malformed = malformation(seal, event.position);
  if (malformed) return atSeal(`the seal is malformed: ${malformed}`);
  if (sealRoot(seal.heads) !== seal.root || seal.streamCount !== seal.heads.length) {
    return atSeal(
      `the seal's root ${seal.root.slice(0, 12)}… is not the Merkle root of the ${seal.heads.length} heads it lists`,
    );
  }

  const actual = await headsAt(store, heads, seal.position, event.position);
  const sealed = new Map(seal.heads.map((h) => [h.streamId, h]));
  const mismatches: { streamId: string; sealed?: StreamHead; now?: StreamHead }[] = [];
  for (const now of actual) {
    const was = sealed.get(now.streamId);
    if (!was || was.revision !== now.revision || was.hash !== now.hash)
      mismatches.push({ streamId: now.streamId, sealed: was, now });
    sealed.delete(now.streamId);
  }
  for (const was of sealed.values()) mismatches.push({ streamId: was.streamId, sealed: was });
  const first = mismatches.sort((a, b) => byStreamId(a, b)).at(0);
  if (!first) return { verified: { ...by, streamCount: seal.streamCount } };
  return { broken: await locate(store, first, seal, by) };
}

/**
 * The heads at `position`: the heads before the sealing event, stepped back over the events between. In no
 * particular order: the caller sorts what it finds.
 */
async function headsAt(
  store: EventStore,
  heads: StreamHeads,
  position: number,
  sealingPosition: number,
): Promise<StreamHead[]> {
  const since: RecordedEvent[] = [];
  // one page reaches the sealing event (position < sealingPosition, see malformation); the break covers gaps
  for await (const e of store.readAll({ after: position, batchSize: sealingPosition - position })) {
    if (e.position >= sealingPosition) break;
    since.push(e);
  }
  // a seal is normally taken just before its sealing event: nothing between, nothing to step back over
  if (since.length === 0) return heads.list();
  const copy = heads.clone();
  copy.rewind(since);
  return copy.list();
}

async function locate(
  store: EventStore,
  m: { streamId: string; sealed?: StreamHead; now?: StreamHead },
  seal: Seal,
  by: SealedBy,
): Promise<BrokenEvent> {
  const stream = await store.readStream(m.streamId);
  const at = (revision: number) => stream.find((e) => e.revision === revision);
  const broken = (revision: number, reason: string): BrokenEvent => {
    const event = at(revision);
    return {
      streamId: m.streamId,
      revision,
      position: event?.position ?? null,
      eventId: event?.eventId ?? null,
      type: event?.type ?? null,
      reason,
      seal: by,
    };
  };
  const where = `the ${by.label} seal (heads at position ${seal.position}, root ${seal.root.slice(0, 12)}…, sealed by ${by.streamId}@${by.revision})`;
  const { sealed, now } = m;
  if (!sealed) {
    return broken(
      0,
      `stream ${m.streamId} has events at or before position ${seal.position} but is not in ${where}: the stream was inserted into the sealed past`,
    );
  }
  if (!now) {
    return broken(
      0,
      `stream ${m.streamId} is in ${where} at revision ${sealed.revision} but has no event at or before that position: the stream was removed`,
    );
  }
  if (now.revision < sealed.revision) {
    return broken(
      now.revision + 1,
      `${where} has ${m.streamId} at revision ${sealed.revision}, but the log now ends it at revision ${now.revision} there: revisions ${now.revision + 1}–${sealed.revision} were truncated`,
    );
  }
  if (now.revision > sealed.revision) {
    return broken(
      sealed.revision + 1,
      `${where} has ${m.streamId} at revision ${sealed.revision}, but the log now has revision ${now.revision} at or before that position: events were inserted into the sealed past`,
    );
  }
  return broken(
    sealed.revision,
    `${where} has ${m.streamId} at revision ${sealed.revision} with hash ${sealed.hash.slice(0, 12)}…, but the log's event there now hashes to ${now.hash.slice(0, 12)}…: the stream up to that revision was rewritten with a consistent chain`,
  );
}

/** Why a seal read from the log is not a well-formed one (it is stored JSON, so every field is checked), or null. */
function malformation(candidate: unknown, sealingPosition: number): string | null {
  if (typeof candidate !== 'object' || candidate === null) return 'not an object';
  const seal = candidate as Partial<Record<keyof Seal, unknown>>;
  if (seal.algorithm !== SEAL_ALGORITHM) return `unknown algorithm '${String(seal.algorithm)}'`;
  if (
    typeof seal.position !== 'number' ||
    !Number.isSafeInteger(seal.position) ||
    seal.position < 0 ||
    seal.position >= sealingPosition
  ) {
    return `its position ${String(seal.position)} is not a position before the sealing event's own (${sealingPosition})`;
  }
  if (typeof seal.root !== 'string' || !/^[0-9a-f]{64}$/.test(seal.root)) return 'its root is not a hex SHA-256';
  if (!Array.isArray(seal.heads)) return 'it lists no heads';
  const bad = (seal.heads as unknown[]).findIndex((head) => !isStreamHead(head));
  if (bad >= 0) return `heads[${bad}] is not {streamId, revision, hash}`;
  return null;
}

function isStreamHead(candidate: unknown): boolean {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const head = candidate as Partial<Record<keyof StreamHead, unknown>>;
  return typeof head.streamId === 'string' && Number.isSafeInteger(head.revision) && typeof head.hash === 'string';
}
