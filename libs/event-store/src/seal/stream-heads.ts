import canonicalize from 'canonicalize';
import { RecordedEvent } from '../event-store.port';
import { merkleTreeHash } from './merkle-tree';

/** A stream's last event at some log position: the leaf a seal commits to. */
export interface StreamHead {
  streamId: string;
  revision: number;
  hash: string;
}

/**
 * A seal: the Merkle root over every stream's head at a global position (docs/design.md#integrity). `heads` lists them all,
 * sorted by streamId, so that a verifier can recompute the root and name any stream that no longer matches.
 */
export interface Seal {
  algorithm: typeof SEAL_ALGORITHM;
  /** The log position the heads are taken at: every event at or before it, none after. */
  position: number;
  streamCount: number;
  /** Hex SHA-256 Merkle Tree Hash (RFC 6962) of the leaves, in `heads` order. */
  root: string;
  heads: StreamHead[];
}

/** Names the construction, so that a verifier knows exactly what to recompute. */
export const SEAL_ALGORITHM = 'rfc6962-sha256(rfc8785{streamId,revision,hash}) sorted by streamId';

/** A leaf's bytes: the RFC 8785 canonical JSON of {streamId, revision, hash}, UTF-8. */
export function sealLeaf(head: StreamHead): Buffer {
  const json = canonicalize({ streamId: head.streamId, revision: head.revision, hash: head.hash });
  // canonicalize answers undefined only for an undefined input; an object always serialises
  if (json === undefined) throw new Error(`stream head of '${head.streamId}' did not serialise`);
  return Buffer.from(json, 'utf8');
}

/** Orders heads by streamId (UTF-16 code units; stream ids are ASCII, so this is also byte order). */
export const byStreamId = (left: { streamId: string }, right: { streamId: string }) =>
  left.streamId < right.streamId ? -1 : left.streamId > right.streamId ? 1 : 0;

/** The root of a list of heads, sorted as a seal sorts them. */
export function sealRoot(heads: readonly StreamHead[]): string {
  return merkleTreeHash([...heads].sort(byStreamId).map(sealLeaf)).toString('hex');
}

export function sealOf(heads: readonly StreamHead[], position: number): Seal {
  const sorted = [...heads].sort(byStreamId);
  return { algorithm: SEAL_ALGORITHM, position, streamCount: sorted.length, root: sealRoot(sorted), heads: sorted };
}

/**
 * Every stream's head as the log is read in order. A LogVerifier keeps them and reads on from where it
 * stopped, so a seal is built outside any lock and only the last few events are read while writes wait
 * (see the period gate).
 */
export class StreamHeads {
  private readonly heads = new Map<string, StreamHead>();
  /** The position of the last event applied (0 before any). */
  position = 0;

  apply(event: RecordedEvent): void {
    this.heads.set(event.streamId, { streamId: event.streamId, revision: event.revision, hash: event.metadata.hash });
    this.position = event.position;
  }

  /**
   * Steps back over events already applied (the newest first), to the heads before them: each event's
   * prevHash is its predecessor's hash. Used to take the heads at a seal's position from a later point.
   */
  rewind(events: readonly RecordedEvent[]): void {
    for (const event of [...events].reverse()) {
      if (event.revision === 0) this.heads.delete(event.streamId);
      else
        this.heads.set(event.streamId, {
          streamId: event.streamId,
          revision: event.revision - 1,
          hash: event.metadata.prevHash,
        });
    }
  }

  /** An independent copy, to step back from without losing these heads. */
  clone(): StreamHeads {
    const copy = new StreamHeads();
    for (const [streamId, head] of this.heads) copy.heads.set(streamId, head);
    copy.position = this.position;
    return copy;
  }

  get size(): number {
    return this.heads.size;
  }

  get(streamId: string): StreamHead | undefined {
    return this.heads.get(streamId);
  }

  list(): StreamHead[] {
    return [...this.heads.values()];
  }

  seal(): Seal {
    return sealOf(this.list(), this.position);
  }
}
