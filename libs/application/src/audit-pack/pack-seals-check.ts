import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { sealRoot } from '@benefit-ledger/event-store';
import { PackedEvent, PackedSeal } from './pack-layout';
import { PackProblem, PackVerification } from './pack-problem';

/** Each seal: carried by its PeriodClosed event, root = Merkle root of its heads, and the pack's streams at their sealed heads. */
export function checkSeals(
  dir: string,
  packFiles: readonly string[],
  index: readonly PackedEvent[],
  streams: ReadonlyMap<string, readonly PackedEvent[]>,
  events: Map<string, Record<string, unknown>>,
  problem: (found: PackProblem) => void,
) {
  const sealFiles = packFiles.filter((f) => f.startsWith('seals/'));
  const verified: PackVerification['seals'] = [];
  for (const file of sealFiles) {
    let packed: PackedSeal;
    try {
      packed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PackedSeal;
    } catch {
      problem({ file, reason: 'not valid JSON' });
      continue;
    }
    const { seal, closeEvent } = packed;
    const entry = streams.get(closeEvent.streamId)?.find((e) => e.revision === closeEvent.revision);
    const carried = entry ? events.get(entry.file) : undefined;
    if (!entry || entry.hash !== closeEvent.hash || !carried) {
      problem({
        file,
        reason: `its PeriodClosed event ${closeEvent.streamId}@${closeEvent.revision} is not in the pack with hash ${closeEvent.hash.slice(0, 12)}…`,
      });
      continue;
    }
    if (canonicalize((carried.data as { seal: unknown }).seal) !== canonicalize(seal)) {
      problem({
        file,
        reason: `the seal differs from the one its PeriodClosed event ${closeEvent.streamId}@${closeEvent.revision} carries`,
      });
      continue;
    }
    if (sealRoot(seal.heads) !== seal.root || seal.heads.length !== seal.streamCount) {
      problem({
        file,
        reason: `the root ${seal.root.slice(0, 12)}… is not the Merkle root of the ${seal.heads.length} heads listed`,
      });
      continue;
    }
    const heads = new Map(seal.heads.map((h) => [h.streamId, h]));
    for (const [streamId, sorted] of streams) {
      const atSeal = lastAtOrBefore(sorted, seal.position);
      const head = heads.get(streamId);
      if (!atSeal && !head) continue;
      if (!atSeal || !head || head.revision !== atSeal.revision || head.hash !== atSeal.hash) {
        // the stream comes from the index (`sorted` holds its events), so find has one
        const e = atSeal ?? index.find((x) => x.streamId === streamId);
        if (!e) throw new Error(`the pack's index has no event of ${streamId}, which the seal in ${file} names`);
        problem({
          file: e.file,
          event: { streamId, revision: e.revision, position: e.position, eventId: e.eventId, type: e.type },
          reason: `the seal in ${file} has ${streamId} at ${head ? `revision ${head.revision} with hash ${head.hash.slice(0, 12)}…` : 'no revision'}, the pack ${atSeal ? `at revision ${atSeal.revision} with hash ${atSeal.hash.slice(0, 12)}…` : 'has no event before the seal'}`,
        });
      }
    }
    verified.push({
      file,
      financialYear: packed.financialYear,
      scope: packed.scope,
      position: seal.position,
      root: seal.root,
    });
  }
  return verified;
}

/** The stream's last event (in revision order) at or before a log position, if any. */
function lastAtOrBefore(sorted: readonly PackedEvent[], position: number): PackedEvent | undefined {
  for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i].position <= position) return sorted[i];
  return undefined;
}
