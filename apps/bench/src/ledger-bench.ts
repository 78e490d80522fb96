/**
 * The read-model half of `npm run bench`, run in a fresh child process on a generated ledger
 * (ledger-generator.ts), so the rebuild's memory is not inflated by the generator's:
 *
 * 1. rebuild: `rebuildReadModels(store, readModels)` over the whole log into a fresh read-model file, timed,
 *    with the process's peak RSS (the kernel's high-water mark, plus samples at every progress callback);
 * 2. the raw baseline on the same file in the same process: better-sqlite3 `SELECT * FROM events ORDER BY
 *    position`, `.iterate()`, JSON.parse of data and metadata per row (raw-sqlite.ts rawReadAll);
 * 3. latencies on the rebuilt read models: `trace(decode(ref))` of figure references taken from real answers,
 *    and `systemFlows` as at an instant in the middle of the log.
 */
import { statSync } from 'node:fs';
import { SqliteEventStore } from '@benefit-ledger/event-store';
import { ReadModelQueries, ReadModelStore, RebuildPhase, rebuildReadModels } from '@benefit-ledger/projections';
import { Prng } from '@benefit-ledger/testing';
import { collectGarbage, median, seconds } from './measure';
import { openRaw, rawReadAll } from './raw-sqlite';

export interface LedgerMeasureOptions {
  logFile: string;
  readModelFile: string;
  /** Events the log holds and the validated total the generator wrote (checks that the read models are real). */
  expected: { events: number; validatedPence: number };
  rawRuns: number;
  traceRefs: number;
  flowsRuns: number;
  seed: string;
}

export interface Latency {
  count: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

export interface TraceKind extends Latency {
  kind: string;
  /** Figures of this kind found in the answers (before sampling). */
  available: number;
  /** Mean number of events behind one traced figure. */
  meanEvents: number;
  /** The answer the references came from, timed once (ms), for context. */
  sourceQueryMs: number;
}

export interface LedgerMeasurement {
  rebuild: {
    events: number;
    seconds: number;
    eventsPerSecond: number;
    /** Seconds from the start of each phase rebuildReadModels reports (onPhase) to the next, the last to the end. */
    phaseSeconds: Partial<Record<RebuildPhase, number>>;
    digest: string;
    readModelBytes: number;
  };
  memory: {
    /** RSS of the fresh child just before the rebuild began. */
    baselineRssBytes: number;
    /** process.resourceUsage().maxRSS after the rebuild: the kernel's exact peak for the whole child so far. */
    maxRssBytes: number;
    /** Highest of the samples taken at every onProgress callback (every 5000 events) and by a 50 ms timer. */
    sampledPeakRssBytes: number;
    progressSamples: number;
    /** Ticks of the 50 ms timer during the rebuild: the fold is microtask-driven, so the timer rarely gets a turn. */
    timerSamples: number;
  };
  raw: { runs: number[]; eventsPerSecond: number; events: number };
  /** rebuild rate / raw read-and-parse rate. */
  ratio: number;
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

/** Nearest-rank percentile (with fewer than 100 samples, p99 is the maximum). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function latency(ms: number[]): Latency {
  return { count: ms.length, medianMs: median(ms), p99Ms: percentile(ms, 99), maxMs: Math.max(...ms) };
}

function timeMs<T>(work: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Every `ref` string anywhere in a query answer. */
function refsIn(answer: unknown, out: string[] = []): string[] {
  if (Array.isArray(answer)) for (const x of answer) refsIn(x, out);
  else if (answer && typeof answer === 'object') {
    for (const [k, v] of Object.entries(answer)) {
      if (k === 'ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

const FINANCIAL_YEARS = ['2019/20', '2020/21', '2021/22', '2022/23', '2023/24'];

function fyOf(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

async function measureRebuild(options: LedgerMeasureOptions, progress: (m: string) => void) {
  const store = new SqliteEventStore(options.logFile);
  const readModels = new ReadModelStore(options.readModelFile);
  collectGarbage();
  const rss = () => process.memoryUsage.rss();
  const baselineRssBytes = rss();
  let sampledPeak = baselineRssBytes;
  let progressSamples = 0;
  let timerSamples = 0;
  const timer = setInterval(() => {
    timerSamples += 1;
    sampledPeak = Math.max(sampledPeak, rss());
  }, 50);
  let nextReport = 100_000;
  const started = process.hrtime.bigint();
  const phaseStarts: [RebuildPhase, bigint][] = [];
  let result: { events: number; digest: string };
  try {
    result = await rebuildReadModels(store, readModels, {
      onProgress: (events) => {
        progressSamples += 1;
        sampledPeak = Math.max(sampledPeak, rss());
        if (events >= nextReport) {
          progress(
            `rebuild: ${events} events folded, ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s, rss ${(rss() / 1e6).toFixed(0)} MB`,
          );
          nextReport += 100_000;
        }
      },
      onPhase: (phase) => {
        sampledPeak = Math.max(sampledPeak, rss());
        phaseStarts.push([phase, process.hrtime.bigint()]);
      },
    });
  } finally {
    clearInterval(timer);
  }
  const ended = process.hrtime.bigint();
  sampledPeak = Math.max(sampledPeak, rss());
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  readModels.close();
  await store.close();
  const total = Number(ended - started) / 1e9;
  return {
    rebuild: {
      events: result.events,
      seconds: total,
      eventsPerSecond: result.events / total,
      phaseSeconds: Object.fromEntries(
        phaseStarts.map(([phase, at], i) => [phase, Number((phaseStarts[i + 1]?.[1] ?? ended) - at) / 1e9]),
      ),
      digest: result.digest,
      readModelBytes: statSync(options.readModelFile).size,
    },
    memory: { baselineRssBytes, maxRssBytes, sampledPeakRssBytes: sampledPeak, progressSamples, timerSamples },
  };
}

async function measureRaw(options: LedgerMeasureOptions) {
  const db = openRaw(options.logFile);
  try {
    const runs: number[] = [];
    for (let run = 0; run < options.rawRuns; run++) {
      let events = 0;
      const t = await seconds(() => {
        events = rawReadAll(db).events;
      });
      if (events !== options.expected.events)
        throw new Error(`raw read saw ${events} events, expected ${options.expected.events}`);
      runs.push(events / t);
    }
    return { runs, eventsPerSecond: median(runs), events: options.expected.events };
  } finally {
    db.close();
  }
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
export function measureQueries(options: LedgerMeasureOptions, progress: (m: string) => void) {
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
    const kinds = new Map<string, { refs: string[]; sourceMs: number }>();
    const kindOf = (kind: string) => {
      let entry = kinds.get(kind);
      if (!entry) kinds.set(kind, (entry = { refs: [], sourceMs: 0 }));
      return entry;
    };
    /** Runs one query (timed, for context), and files the references found in each part of its answer by kind. */
    const collect = <T>(query: () => T, parts: (answer: T) => [string, unknown][]) => {
      const { ms, value } = timeMs(query);
      for (const [kind, part] of parts(value)) {
        const entry = kindOf(kind);
        entry.refs.push(...refsIn(part));
        entry.sourceMs = Math.max(entry.sourceMs, ms);
      }
    };
    const whole =
      (kind: string) =>
      (answer: unknown): [string, unknown][] => [[kind, answer]];
    const organisations = db
      .prepare('SELECT organisation_id AS id, type FROM organisations ORDER BY organisation_id')
      .all() as { id: string; type: string }[];
    const ofType = (type: string, n: number) =>
      rng.sample(
        organisations.filter((o) => o.type === type).map((o) => o.id),
        n,
      );
    for (const fy of FINANCIAL_YEARS) {
      collect(
        () => queries.systemFlows({ financialYear: fy, cutoff: pinned }),
        (flows) => [
          ['flows link (one year)', flows.links],
          ['flows node/total (one year)', [flows.nodes, flows.totals]],
        ],
      );
    }
    collect(
      () => queries.systemFlows({ financialYear: null, cutoff: pinned }),
      (flows) => [['flows link (all years)', flows.links]],
    );
    collect(
      () => queries.systemFlows({ financialYear: asAtYear, cutoff: queries.cutoff(asAt) }),
      (flows) => [['flows link (as at, one year)', flows.links]],
    );
    const orgSample = [
      ...ofType('icb', 4),
      ...ofType('acute-trust', 4),
      ...ofType('community-trust', 2),
      ...ofType('gp-practice', 2),
      ...ofType('local-authority', 1),
      ...ofType('industry-partner', 1),
      ...ofType('mental-health-trust', 1),
    ];
    for (const organisationId of orgSample) {
      collect(
        () => queries.organisationValue({ organisationId, financialYear: rng.pick(FINANCIAL_YEARS), cutoff: pinned }),
        whole('organisation value (one year)'),
      );
    }
    for (const organisationId of [...ofType('icb', 2), ...ofType('acute-trust', 2)]) {
      collect(
        () => queries.organisationValue({ organisationId, financialYear: null, cutoff: pinned }),
        whole('organisation value (all years)'),
      );
    }
    for (const organisationId of [...ofType('acute-trust', 6), ...ofType('community-trust', 2)]) {
      collect(
        () => queries.capacity({ organisationId, resource: null, financialYear: null, cutoff: pinned }),
        whole('capacity (one organisation)'),
      );
    }
    collect(
      () => queries.capacity({ organisationId: null, resource: null, financialYear: '2021/22', cutoff: pinned }),
      whole('capacity (all organisations, one year)'),
    );
    const partnerships = (
      db.prepare('SELECT partnership_id AS id FROM partnerships ORDER BY partnership_id').all() as { id: string }[]
    ).map((p) => p.id);
    for (const partnershipId of partnerships) {
      for (const fy of FINANCIAL_YEARS.slice(2)) {
        // 2021/22 on: every partnership has an agreement in force by then
        collect(
          () => queries.partnershipAttribution({ partnershipId, financialYear: fy, cutoff: pinned }),
          whole('partnership attribution'),
        );
      }
    }

    // Sample: round-robin over kinds (each shuffled) until traceRefs are chosen.
    const pools = [...kinds.entries()].map(([kind, { refs }]) => ({ kind, refs: rng.shuffle([...new Set(refs)]) }));
    const chosen: { kind: string; ref: string }[] = [];
    for (let i = 0; chosen.length < options.traceRefs && pools.some((p) => i < p.refs.length); i++) {
      for (const p of pools)
        if (i < p.refs.length && chosen.length < options.traceRefs) chosen.push({ kind: p.kind, ref: p.refs[i] });
    }

    progress(`latency: tracing ${chosen.length} figures`);
    for (const { ref } of chosen.slice(0, 20)) queries.trace(queries.decode(ref)); // warm-up (JIT, page cache)
    const timings = new Map<string, { ms: number[]; events: number }>();
    let mismatches = 0;
    for (const { kind, ref } of chosen) {
      const { ms, value } = timeMs(() => queries.trace(queries.decode(ref)));
      if (value.arithmetic.total !== value.figure.value) mismatches += 1;
      const t = timings.get(kind) ?? { ms: [], events: 0 };
      t.ms.push(ms);
      t.events += value.events.length;
      timings.set(kind, t);
    }
    const allMs = [...timings.values()].flatMap((t) => t.ms);
    const traceKinds: TraceKind[] = [...timings.entries()].map(([kind, t]) => {
      const collected = kinds.get(kind);
      if (!collected) throw new Error(`bench bug: traces timed for ${kind}, whose references were never collected`);
      return {
        kind,
        ...latency(t.ms),
        available: new Set(collected.refs).size,
        meanEvents: t.events / t.ms.length,
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
      for (let i = 0; i < runs; i++) {
        const r = timeMs(flows);
        ms.push(r.ms);
        last = r.value;
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

/** Rebuild first (so its peak RSS is the fresh process's), then the raw baseline, then the latencies. */
export async function measureLedger(
  options: LedgerMeasureOptions,
  progress: (m: string) => void,
): Promise<LedgerMeasurement> {
  progress(`rebuild: ${options.expected.events} events into a fresh read-model file (child process ${process.pid})`);
  const { rebuild, memory } = await measureRebuild(options, progress);
  progress(`raw read-and-parse of the same log: ${options.rawRuns} runs`);
  collectGarbage();
  const raw = await measureRaw(options);
  collectGarbage();
  const queries = measureQueries(options, progress);
  return { rebuild, memory, raw, ratio: rebuild.eventsPerSecond / raw.eventsPerSecond, ...queries };
}
