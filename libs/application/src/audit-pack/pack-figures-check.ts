import { ReportFigure, reportFigures } from '@benefit-ledger/projections';
import { FIGURES_FILE, PackedEvent, PackedFigure, reportFile } from './pack-layout';
import { PackProblem } from './pack-problem';

/** Each figure: its terms add up, its events are in the pack with the same hash, and its report says the same. */
export function checkFigures(
  figures: readonly PackedFigure[],
  index: readonly PackedEvent[],
  report: (id: string) => unknown,
  problem: (found: PackProblem) => void,
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
