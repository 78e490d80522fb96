/**
 * The latency half of the ledger part, on rebuilt read models: `trace(decode(ref))` of figure references taken
 * from real answers (figure-references.ts), and `systemFlows` as at an instant in the middle of the log.
 */
import { ReadModelQueries, ReadModelStore } from '@benefit-ledger/projections';
import { Prng } from '@benefit-ledger/testing';
import { FINANCIAL_YEARS, collectReferences, fyOf } from './figure-references';
import type { LedgerMeasureOptions } from './ledger-bench';
import { Latency, latency, timeMs } from './latency';
import { Progress } from './progress';
import { openRaw } from './raw-sqlite';

export interface TraceKind extends Latency {
  kind: string;
  /** Figures of this kind found in the answers (before sampling). */
  available: number;
  /** Mean number of events behind one traced figure. */
  meanEvents: number;
  /** The answer the references came from, timed once (ms), for context. */
  sourceQueryMs: number;
}

/** What measureQueries answers: the trace and flows latencies, and the checks that the read models are whole. */
export interface LedgerLatencies {
  trace: Latency & { kinds: TraceKind[]; mismatches: number };
  flowsAsAt: Latency & {
    asAt: string;
    asAtPosition: number;
    financialYear: string;
    links: number;
    validatedPence: number;
  };
  /** For context (not targets): the same as-at query over all years, and the pinned (upTo) query for the same year. */
  flowsAsAtAllYears: Latency;
  flowsPinned: Latency;
  checks: { eventsSeen: number; validatedPenceAllYears: number; validatedMatches: boolean; eventsMatch: boolean };
}

/** The instant of the event in the middle of the log (recordedAt increases with position). */
function midLogInstant(logFile: string, events: number): { asAt: string; position: number } {
  const db = openRaw(logFile);
  try {
    const position = Math.floor(events / 2);
    const row = db.prepare('SELECT metadata FROM events WHERE position = ?').get(position) as { metadata: string };
    return { asAt: (JSON.parse(row.metadata) as { recordedAt: string }).recordedAt, position };
  } finally {
    db.close();
  }
}

/** The latency part on an already built read-model file (also handy on its own when probing a read-model change). */
export function measureQueries(options: LedgerMeasureOptions, progress: Progress): LedgerLatencies {
  const readModels = new ReadModelStore(options.readModelFile);
  try {
    const queries = new ReadModelQueries(readModels);
    const rng = new Prng(options.seed, 'trace-sample');
    const pinned = queries.cutoff(null);
    const db = readModels.db;
    const eventsSeen = (db.prepare('SELECT COUNT(*) AS n FROM events_seen').get() as { n: number }).n;

    // Checks: the read models hold every event, and the all-years validated total is the generator's.
    const all = queries.systemFlows({ financialYear: null, cutoff: pinned });
    const validatedPenceAllYears = all.totals.validatedPence.pence;

    const { asAt, position: asAtPosition } = midLogInstant(options.logFile, options.expected.events);
    const asAtYear = FINANCIAL_YEARS[Math.max(0, FINANCIAL_YEARS.indexOf(fyOf(asAt)) - 1)];

    // Figure references from real answers, by kind.
    progress('latency: collecting figure references from query answers');
    const kinds = collectReferences({ queries, db, rng, pinned, asAt, asAtYear });

    // Sample: round-robin over kinds (each shuffled) until traceRefs are chosen.
    const pools = [...kinds.entries()].map(([kind, { refs }]) => ({ kind, refs: rng.shuffle([...new Set(refs)]) }));
    const chosen: { kind: string; ref: string }[] = [];
    for (let round = 0; chosen.length < options.traceRefs && pools.some((pool) => round < pool.refs.length); round++) {
      for (const pool of pools)
        if (round < pool.refs.length && chosen.length < options.traceRefs)
          chosen.push({ kind: pool.kind, ref: pool.refs[round] });
    }

    progress(`latency: tracing ${chosen.length} figures`);
    for (const { ref } of chosen.slice(0, 20)) queries.trace(queries.decode(ref)); // warm-up (JIT, page cache)
    const timings = new Map<string, { ms: number[]; events: number }>();
    let mismatches = 0;
    for (const { kind, ref } of chosen) {
      const { ms, value } = timeMs(() => queries.trace(queries.decode(ref)));
      if (value.arithmetic.total !== value.figure.value) mismatches += 1;
      const timing = timings.get(kind) ?? { ms: [], events: 0 };
      timing.ms.push(ms);
      timing.events += value.events.length;
      timings.set(kind, timing);
    }
    const allMs = [...timings.values()].flatMap((timing) => timing.ms);
    const traceKinds: TraceKind[] = [...timings.entries()].map(([kind, timing]) => {
      const collected = kinds.get(kind);
      if (!collected) throw new Error(`bench bug: traces timed for ${kind}, whose references were never collected`);
      return {
        kind,
        ...latency(timing.ms),
        available: new Set(collected.refs).size,
        meanEvents: timing.events / timing.ms.length,
        sourceQueryMs: collected.sourceMs,
      };
    });

    progress(`latency: systemFlows as at ${asAt} for ${asAtYear}, ${options.flowsRuns} runs`);
    // As at: the instant is resolved to its log position inside the timed call, as the API does.
    const runFlows = (financialYear: string | null, at: string | null, runs: number) => {
      const flows = () => queries.systemFlows({ financialYear, cutoff: at ? queries.cutoff(at) : pinned });
      flows(); // warm-up
      const ms: number[] = [];
      let last: ReturnType<ReadModelQueries['systemFlows']> | null = null;
      for (let run = 0; run < runs; run++) {
        const timed = timeMs(flows);
        ms.push(timed.ms);
        last = timed.value;
      }
      if (last === null) throw new Error('runFlows needs at least one run');
      return { ms, last };
    };
    const asAtFlows = runFlows(asAtYear, asAt, options.flowsRuns);
    const allYears = runFlows(null, asAt, Math.min(10, options.flowsRuns));
    const pinnedFlows = runFlows(asAtYear, null, Math.min(10, options.flowsRuns));

    return {
      trace: { ...latency(allMs), kinds: traceKinds, mismatches },
      flowsAsAt: {
        ...latency(asAtFlows.ms),
        asAt,
        asAtPosition,
        financialYear: asAtYear,
        links: asAtFlows.last.links.length,
        validatedPence: asAtFlows.last.totals.validatedPence.pence,
      },
      flowsAsAtAllYears: latency(allYears.ms),
      flowsPinned: latency(pinnedFlows.ms),
      checks: {
        eventsSeen,
        validatedPenceAllYears,
        validatedMatches: validatedPenceAllYears === options.expected.validatedPence,
        eventsMatch: eventsSeen === options.expected.events,
      },
    };
  } finally {
    readModels.close();
  }
}
