import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  EVENTS_INDEX,
  FIGURES_FILE,
  MANIFEST_FILE,
  PACK_FORMAT,
  PackedEvent,
  PackedFigure,
  reportFile,
} from './pack-layout';
import { checkEvents } from './pack-events-check';
import { checkFigures } from './pack-figures-check';
import { PackProblem, PackVerification } from './pack-problem';
import { checkSeals } from './pack-seals-check';
import { checkSums } from './pack-sums-check';

/**
 * Verifies an audit pack offline, from its files alone: every file against SHA256SUMS (and no file added); every
 * event file hashes to its recorded hash, is canonical (RFC 8785), and chains to its predecessor from revision 0;
 * every seal's root is the Merkle root of its heads, is carried by its PeriodClosed event, and lists the pack's
 * streams at the heads they had then; every figure's terms add up and name events the pack holds with the same
 * hash, and match the report it came from. `expectRoot`: a root published elsewhere that one of the seals must have.
 */
export function verifyAuditPack(dir: string, options: { expectRoot?: string } = {}): PackVerification {
  const problems: PackProblem[] = [];
  const problem = (found: PackProblem) => problems.push(found);
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

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
