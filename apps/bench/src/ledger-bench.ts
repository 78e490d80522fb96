/**
 * The read-model half of `npm run bench`, run in a fresh child process on a generated ledger
 * (ledger-generator.ts), so the rebuild's memory is not inflated by the generator's:
 *
 * 1. rebuild: `rebuildReadModels(store, readModels)` over the whole log into a fresh read-model file, timed,
 *    with the process's peak RSS (the kernel's high-water mark, plus samples at every progress callback);
 * 2. the raw baseline on the same file in the same process: better-sqlite3 `SELECT * FROM events ORDER BY
 *    position`, `.iterate()`, JSON.parse of data and metadata per row (raw-sqlite.ts rawReadAll);
 * 3. latencies on the rebuilt read models (ledger-latency-bench.ts): `trace(decode(ref))` of figure references
 *    taken from real answers, and `systemFlows` as at an instant in the middle of the log.
 */
import { statSync } from 'node:fs';
import { SqliteEventStore } from '@benefit-ledger/event-store';
import { ReadModelStore, RebuildPhase, rebuildReadModels } from '@benefit-ledger/projections';
import { LedgerLatencies, measureQueries } from './ledger-latency-bench';
import { collectGarbage, median, seconds } from './measure';
import { Progress } from './progress';
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

export interface LedgerMeasurement extends LedgerLatencies {
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
}

async function measureRebuild(options: LedgerMeasureOptions, progress: Progress) {
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
        phaseStarts.map(([phase, at], index) => [phase, Number((phaseStarts[index + 1]?.[1] ?? ended) - at) / 1e9]),
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
      const taken = await seconds(() => {
        events = rawReadAll(db).events;
      });
      if (events !== options.expected.events)
        throw new Error(`raw read saw ${events} events, expected ${options.expected.events}`);
      runs.push(events / taken);
    }
    return { runs, eventsPerSecond: median(runs), events: options.expected.events };
  } finally {
    db.close();
  }
}

/** Rebuild first (so its peak RSS is the fresh process's), then the raw baseline, then the latencies. */
export async function measureLedger(options: LedgerMeasureOptions, progress: Progress): Promise<LedgerMeasurement> {
  progress(`rebuild: ${options.expected.events} events into a fresh read-model file (child process ${process.pid})`);
  const { rebuild, memory } = await measureRebuild(options, progress);
  progress(`raw read-and-parse of the same log: ${options.rawRuns} runs`);
  collectGarbage();
  const raw = await measureRaw(options);
  collectGarbage();
  const queries = measureQueries(options, progress);
  return { rebuild, memory, raw, ratio: rebuild.eventsPerSecond / raw.eventsPerSecond, ...queries };
}
