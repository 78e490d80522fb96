import { CorruptEventError } from './errors';
import { EventStore, RecordedEvent } from './event-store.port';
import { GENESIS_HASH, eventHash, hashInputOf } from './hash-chain';
import { checkSeal, SealFinding, SealedBy } from './seal/check-seal';
import { Seal, StreamHeads } from './seal/stream-heads';
import { storedJsonProblem } from './stored-json';

/** Where verification found the log altered, and why. */
export interface BrokenEvent {
  /** null only when the events are gone and the log cannot say whose they were (a deleted tail). */
  streamId: string | null;
  revision: number | null;
  /** The event's global position; null when the event in question was deleted. */
  position: number | null;
  eventId: string | null;
  type: string | null;
  reason: string;
  /** When a seal found it: the event that carries the seal. */
  seal?: SealedBy;
}

export interface MissingPositions {
  from: number;
  to: number;
}

export interface VerifiedSeal extends SealedBy {
  streamCount: number;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  streams: number;
  /** Seals recomputed and matched, in log order (up to the first break). */
  seals: VerifiedSeal[];
  /** Runs of global positions with no event (stores that number positions without gaps only). */
  missingPositions: MissingPositions[];
  firstBroken?: BrokenEvent;
}

export interface VerifyOptions {
  onProgress?: (eventsChecked: number) => void;
  /** Recognises an event that carries a seal (the domain's PeriodClosed), with words for it; null otherwise. */
  sealOf?: (event: RecordedEvent) => { seal: Seal; label: string } | null;
  /** The store numbers positions 1, 2, 3… without gaps (SQLite AUTOINCREMENT): a gap means deleted events. */
  contiguousPositions?: boolean;
  /** The highest position the store ever issued (SQLite's sqlite_sequence); beyond the last event: a deleted tail. */
  highestIssuedPosition?: () => Promise<number>;
}

/**
 * Recomputes every stream's hash chain over the global log and every seal, and names the first event that
 * does not match: a changed byte (hash), a missing or inserted event (revision gap), a reordering (prevHash),
 * a stream rewritten, truncated, removed or added before a seal (the seal's heads), stored JSON that is not exactly
 * the canonical form of its values (a key written twice, reordered, whitespace...). With contiguous positions,
 * deleted events also leave missing positions; these are reported, and named as the break only when nothing
 * more precise was found.
 */
export function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  return new LogVerifier(store, options).run();
}

/**
 * verifyLog, resumable: `run()` again verifies only what was appended since, and `heads` are then the verified
 * heads of every stream. A close seals these, so a seal is only ever taken over a log that verifies.
 */
export class LogVerifier {
  readonly heads = new StreamHeads();
  private readonly seals: VerifiedSeal[] = [];
  private readonly missingPositions: MissingPositions[] = [];
  private events = 0;
  private broken: BrokenEvent | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: VerifyOptions = {},
  ) {}

  async run(): Promise<VerifyReport> {
    // Read before the walk: every position issued by then is committed and must be met by the walk; events
    // appended while it runs have higher positions and are never taken for a deleted tail.
    const issued = await this.options.highestIssuedPosition?.();
    if (!this.broken) this.broken = await this.readOn();
    // positions issued but not met by a walk that reached the end: a deleted tail
    const tail =
      !this.broken && issued !== undefined && issued > this.heads.position
        ? [{ from: this.heads.position + 1, to: issued }]
        : [];
    const missing = [...this.missingPositions, ...tail];
    const broken = this.broken ?? gapAsBreak(missing);
    this.options.onProgress?.(this.events);
    return {
      ok: !broken,
      events: this.events,
      streams: this.heads.size,
      seals: [...this.seals],
      missingPositions: missing,
      ...(broken ? { firstBroken: broken } : {}),
    };
  }

  private async readOn(): Promise<BrokenEvent | undefined> {
    const { onProgress, sealOf, contiguousPositions } = this.options;
    try {
      for await (const event of this.store.readAll({ after: this.heads.position })) {
        if (contiguousPositions && event.position !== this.heads.position + 1) {
          this.missingPositions.push({ from: this.heads.position + 1, to: event.position - 1 });
        }
        const chainBreak = checkChain(event, this.heads);
        if (chainBreak) return chainBreak;
        const sealed = sealOf?.(event);
        if (sealed) {
          const finding: SealFinding = await checkSeal(this.store, this.heads, event, sealed.seal, sealed.label);
          if ('broken' in finding) return finding.broken;
          this.seals.push(finding.verified);
        }
        this.heads.apply(event);
        this.events += 1;
        if (onProgress && this.events % 1000 === 0) onProgress(this.events);
      }
    } catch (error) {
      if (error instanceof CorruptEventError) {
        return {
          streamId: error.streamId,
          revision: error.revision,
          position: error.position,
          eventId: null,
          type: null,
          reason: error.message,
        };
      }
      throw error;
    }
    return undefined;
  }
}

/**
 * The event against its stream's head so far: revision follows, prevHash links, content matches its hash, and (where
 * the store keeps JSON text) that text is the canonical form the hash covers, so nothing can read it otherwise.
 */
function checkChain(event: RecordedEvent, heads: StreamHeads): BrokenEvent | null {
  const head = heads.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
  const broken = (reason: string): BrokenEvent => ({
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    reason,
  });
  if (event.revision !== head.revision + 1) {
    return broken(`revision ${event.revision} follows ${head.revision}: an event is missing or was inserted`);
  }
  if (event.metadata.eventId !== event.eventId) {
    return broken(`metadata.eventId '${event.metadata.eventId}' differs from the stored event id`);
  }
  if (event.metadata.prevHash !== head.hash) {
    return broken(
      `prevHash does not match the hash of ${event.streamId}@${head.revision}: events were reordered, removed or replaced`,
    );
  }
  const recomputed = eventHash(hashInputOf(event));
  if (recomputed !== event.metadata.hash) {
    return broken(
      `content does not match its hash (stored ${event.metadata.hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…): the event's type, data or metadata was changed`,
    );
  }
  const stored = storedJsonProblem(event);
  if (stored)
    return broken(
      `${stored}: the stored bytes were changed, though what JSON.parse reads from them still matches the hash`,
    );
  return null;
}

/** Missing positions, when nothing more precise was found: the events are gone, so only their positions can be named. */
function gapAsBreak(missing: readonly MissingPositions[]): BrokenEvent | undefined {
  const first = missing.at(0);
  if (!first) return undefined;
  const span = first.from === first.to ? `position ${first.from} is` : `positions ${first.from}–${first.to} are`;
  return {
    streamId: null,
    revision: null,
    position: first.from,
    eventId: null,
    type: null,
    reason: `global ${span} missing: events were deleted from the log (the log no longer says whose; a seal names any sealed stream they belonged to)`,
  };
}
