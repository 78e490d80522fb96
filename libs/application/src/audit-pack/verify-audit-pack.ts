import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import canonicalize from 'canonicalize';
import { GENESIS_HASH, sealRoot } from '@benefit-ledger/event-store';
import { ReportFigure, reportFigures } from '@benefit-ledger/projections';
import {
  EVENTS_INDEX,
  FIGURES_FILE,
  MANIFEST_FILE,
  PACK_FORMAT,
  PackedEvent,
  PackedFigure,
  PackedSeal,
  SUMS_FILE,
  reportFile,
  sha256Hex,
} from './pack-layout';

/** Something in a pack that does not verify: the file, and the event or figure in it when there is one. */
export interface PackProblem {
  file: string;
  event?: { streamId: string; revision: number; position: number; eventId: string; type: string };
  figure?: string;
  reason: string;
}

export interface PackVerification {
  ok: boolean;
  organisationId: string | null;
  financialYear: string | null;
  files: number;
  events: number;
  streams: number;
  figures: number;
  seals: { file: string; financialYear: string; scope: unknown; position: number; root: string }[];
  problems: PackProblem[];
}

/**
 * Verifies an audit pack offline, from its files alone: every file against SHA256SUMS (and no file added); every
 * event file hashes to its recorded hash, is canonical (RFC 8785), and chains to its predecessor from revision 0;
 * every seal's root is the Merkle root of its heads, is carried by its PeriodClosed event, and lists the pack's
 * streams at the heads they had then; every figure's terms add up and name events the pack holds with the same
 * hash, and match the report it came from. `expectRoot`: a root published elsewhere that one of the seals must have.
 */
export function verifyAuditPack(dir: string, options: { expectRoot?: string } = {}): PackVerification {
  const problems: PackProblem[] = [];
  const problem = (p: PackProblem) => problems.push(p);
  const read = (file: string): Buffer | null => (existsSync(join(dir, file)) ? readFileSync(join(dir, file)) : null);
  // untyped JSON, or null when missing or unreadable (a problem is noted): each caller states what its file holds
  const parse = (file: string): unknown => {
    const bytes = read(file);
    if (!bytes) return (problem({ file, reason: 'missing from the pack' }), null);
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      return (problem({ file, reason: `not valid JSON: ${(error as Error).message}` }), null);
    }
  };

  const packFiles = listFiles(dir);
  const files = checkSums(dir, packFiles, problem);
  const manifest = parse(MANIFEST_FILE) as {
    format: string;
    organisation: { organisationId: string };
    financialYear: string;
    reports: { id: string }[];
  } | null;
  if (manifest && manifest.format !== PACK_FORMAT)
    problem({ file: MANIFEST_FILE, reason: `format '${manifest.format}' is not '${PACK_FORMAT}'` });
  const index = (parse(EVENTS_INDEX) as PackedEvent[] | null) ?? [];
  const { parsed: events, streams } = checkEvents(index, read, problem);
  const seals = checkSeals(dir, packFiles, index, streams, events, problem);
  if (options.expectRoot && !seals.some((s) => s.root === options.expectRoot)) {
    problem({ file: 'seals/', reason: `no seal in the pack has the expected root ${options.expectRoot}` });
  }
  const figures = (parse(FIGURES_FILE) as PackedFigure[] | null) ?? [];
  checkFigures(figures, index, (id) => parse(reportFile(id)), problem);
  return {
    ok: problems.length === 0,
    organisationId: manifest?.organisation.organisationId ?? null,
    financialYear: manifest?.financialYear ?? null,
    files,
    events: index.length,
    streams: streams.size,
    figures: figures.length,
    seals,
    problems,
  };
}

/** Every file listed in SHA256SUMS has that hash; every file in the pack is listed. Answers the number of files. */
function checkSums(dir: string, packFiles: readonly string[], problem: (p: PackProblem) => void): number {
  const present = packFiles.filter((f) => f !== SUMS_FILE);
  const sums = existsSync(join(dir, SUMS_FILE)) ? readFileSync(join(dir, SUMS_FILE), 'utf8') : null;
  if (sums === null) {
    problem({ file: SUMS_FILE, reason: 'missing from the pack' });
    return present.length;
  }
  const listed = new Map<string, string>();
  sums
    .split('\n')
    .filter(Boolean)
    .forEach((line, i) => {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!m) problem({ file: SUMS_FILE, reason: `line ${i + 1} is not "<sha256>  <file>"` });
      else listed.set(m[2], m[1]);
    });
  for (const [file, hash] of listed) {
    if (!existsSync(join(dir, file))) problem({ file, reason: 'listed in SHA256SUMS but missing from the pack' });
    else if (sha256Hex(readFileSync(join(dir, file))) !== hash)
      problem({ file, reason: 'its SHA-256 does not match SHA256SUMS: the file was edited' });
  }
  for (const file of present)
    if (!listed.has(file)) problem({ file, reason: 'not listed in SHA256SUMS: the file was added to the pack' });
  return present.length + 1;
}

/**
 * Each event file: hashes to its recorded hash, is canonical, says what the index says, chains to its predecessor.
 * Answers the files that verified, parsed, and the index's events by stream (in order of first appearance), each in
 * revision order: the seals check the streams from these.
 */
function checkEvents(
  index: readonly PackedEvent[],
  read: (file: string) => Buffer | null,
  problem: (p: PackProblem) => void,
) {
  const streams = new Map<string, PackedEvent[]>();
  for (const e of index) {
    const list = streams.get(e.streamId);
    if (list) list.push(e);
    else streams.set(e.streamId, [e]);
  }
  // stable: events with the same revision (a tampered index) keep their index order
  for (const list of streams.values()) list.sort((a, b) => a.revision - b.revision);
  const parsed = new Map<string, Record<string, unknown>>();
  for (const [streamId, sorted] of streams) {
    sorted.forEach((e, i) => {
      const event = { streamId, revision: e.revision, position: e.position, eventId: e.eventId, type: e.type };
      const bad = (reason: string) => problem({ file: e.file, event, reason });
      if (e.revision !== i) {
        bad(`revision ${e.revision} follows ${i - 1} in the pack: an event is missing or was inserted`);
        return;
      }
      const bytes = read(e.file);
      if (!bytes) {
        bad('missing from the pack');
        return;
      }
      const actual = sha256Hex(bytes);
      if (actual !== e.hash) {
        bad(
          `its SHA-256 is ${actual.slice(0, 12)}…, not the event's recorded hash ${e.hash.slice(0, 12)}…: the event was altered`,
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
      const expected = { streamId, revision: e.revision, eventId: e.eventId, type: e.type };
      const mismatch = Object.entries(expected).find(([k, v]) => content[k] !== v);
      if (mismatch) {
        bad(
          `its ${mismatch[0]} is ${JSON.stringify(content[mismatch[0]])}, the index says ${JSON.stringify(mismatch[1])}`,
        );
        return;
      }
      const prevHash = i === 0 ? GENESIS_HASH : sorted[i - 1].hash;
      if (content.prevHash !== prevHash) {
        bad(`its prevHash does not match the hash of ${streamId}@${e.revision - 1}: events were reordered or replaced`);
        return;
      }
      parsed.set(e.file, content);
    });
  }
  return { parsed, streams };
}

/** Each seal: carried by its PeriodClosed event, root = Merkle root of its heads, and the pack's streams at their sealed heads. */
function checkSeals(
  dir: string,
  packFiles: readonly string[],
  index: readonly PackedEvent[],
  streams: ReadonlyMap<string, readonly PackedEvent[]>,
  events: Map<string, Record<string, unknown>>,
  problem: (p: PackProblem) => void,
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

/** Each figure: its terms add up, its events are in the pack with the same hash, and its report says the same. */
function checkFigures(
  figures: readonly PackedFigure[],
  index: readonly PackedEvent[],
  report: (id: string) => unknown,
  problem: (p: PackProblem) => void,
): void {
  const byPlace = new Map(index.map((e) => [`${e.streamId}@${e.revision}`, e]));
  const reports = new Map<string, unknown>();
  // each report's figures by path, per basis: walked once however many figures name it
  const reportedByPath = new Map<string, Map<string, ReportFigure>>();
  for (const f of figures) {
    const bad = (reason: string) => problem({ file: FIGURES_FILE, figure: f.id, reason });
    const total = f.trace.terms.reduce((a, t) => a + t.amount, 0);
    if (total !== f.trace.value) bad(`its terms add up to ${total}, not ${f.trace.value}`);
    for (const e of f.trace.events) {
      const packed = byPlace.get(`${e.streamId}@${e.revision}`);
      if (!packed || packed.hash !== e.hash || packed.position !== e.position)
        bad(
          `it names ${e.streamId}@${e.revision} (hash ${e.hash.slice(0, 12)}…), which the pack does not hold with that hash`,
        );
    }
    if (!reports.has(f.report)) reports.set(f.report, report(f.report));
    const basis = f.basis === 'as-closed' ? 'asClosed' : 'asRestated';
    const key = `${f.report}\n${basis}`;
    let byPath = reportedByPath.get(key);
    if (!byPath) {
      byPath = new Map();
      // the first figure at a path wins, as a search from the start would find it
      const answer = (reports.get(f.report) as Record<string, unknown> | null)?.[basis];
      for (const x of reportFigures(answer)) if (!byPath.has(x.path)) byPath.set(x.path, x);
      reportedByPath.set(key, byPath);
    }
    const inReport = byPath.get(f.path);
    if (!inReport || inReport.value !== f.value || inReport.ref !== f.ref)
      bad(`${reportFile(f.report)} does not give this figure as ${f.value}`);
  }
}

/** The stream's last event (in revision order) at or before a log position, if any. */
function lastAtOrBefore(sorted: readonly PackedEvent[], position: number): PackedEvent | undefined {
  for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i].position <= position) return sorted[i];
  return undefined;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
