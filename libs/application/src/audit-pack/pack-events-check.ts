import canonicalize from 'canonicalize';
import { GENESIS_HASH } from '@benefit-ledger/event-store';
import { PackedEvent, sha256Hex } from './pack-layout';
import { PackProblem } from './pack-problem';

/**
 * Each event file: hashes to its recorded hash, is canonical, says what the index says, chains to its predecessor.
 * Answers the files that verified, parsed, and the index's events by stream (in order of first appearance), each in
 * revision order: the seals check the streams from these.
 */
export function checkEvents(
  index: readonly PackedEvent[],
  read: (file: string) => Buffer | null,
  problem: (found: PackProblem) => void,
) {
  const streams = new Map<string, PackedEvent[]>();
  for (const packed of index) {
    const list = streams.get(packed.streamId);
    if (list) list.push(packed);
    else streams.set(packed.streamId, [packed]);
  }
  // stable: events with the same revision (a tampered index) keep their index order
  for (const list of streams.values()) list.sort((a, b) => a.revision - b.revision);
  const parsed = new Map<string, Record<string, unknown>>();
  for (const [streamId, sorted] of streams) {
    sorted.forEach((packed, expectedRevision) => {
      const event = {
        streamId,
        revision: packed.revision,
        position: packed.position,
        eventId: packed.eventId,
        type: packed.type,
      };
      const bad = (reason: string) => problem({ file: packed.file, event, reason });
      if (packed.revision !== expectedRevision) {
        bad(
          `revision ${packed.revision} follows ${expectedRevision - 1} in the pack: an event is missing or was inserted`,
        );
        return;
      }
      const bytes = read(packed.file);
      if (!bytes) {
        bad('missing from the pack');
        return;
      }
      const actual = sha256Hex(bytes);
      if (actual !== packed.hash) {
        bad(
          `its SHA-256 is ${actual.slice(0, 12)}…, not the event's recorded hash ${packed.hash.slice(0, 12)}…: the event was altered`,
        );
        return;
      }
      let content: Record<string, unknown>;
      try {
        content = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      } catch {
        bad('not valid JSON');
        return;
      }
      if (canonicalize(content) !== bytes.toString('utf8')) {
        bad('not in RFC 8785 canonical form');
        return;
      }
      const expected = { streamId, revision: packed.revision, eventId: packed.eventId, type: packed.type };
      const mismatch = Object.entries(expected).find(([k, v]) => content[k] !== v);
      if (mismatch) {
        bad(
          `its ${mismatch[0]} is ${JSON.stringify(content[mismatch[0]])}, the index says ${JSON.stringify(mismatch[1])}`,
        );
        return;
      }
      const prevHash = expectedRevision === 0 ? GENESIS_HASH : sorted[expectedRevision - 1].hash;
      if (content.prevHash !== prevHash) {
        bad(
          `its prevHash does not match the hash of ${streamId}@${packed.revision - 1}: events were reordered or replaced`,
        );
        return;
      }
      parsed.set(packed.file, content);
    });
  }
  return { parsed, streams };
}
