/**
 * `npm run bench -- --only http`: POST cost commands at the compiled API over HTTP (autocannon), beside the raw
 * durable single-append rate of better-sqlite3 measured in the same run.
 *
 * fresh:        a new data directory, 200 interventions, 1 / 16 / 64 connections for --http-seconds each
 * long streams: the same 200 interventions grown to 2,000 events each (appended through the port while the API is
 *               stopped), 16 connections
 * 1M-event log: that log grown to --http-log-events with other interventions' events, 16 connections
 *
 * After each phase the API is stopped and the log is counted: it must hold the events before the load plus one
 * CostRecorded per 2xx answer, no more, no less.
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, sqliteFile } from '@benefit-ledger/event-store';
import { growLog, planSingleAppends, rowsFor } from '@benefit-ledger/testing';
import { collectGarbage, median } from './measure';
import { Progress } from './progress';
import { openRaw, rawSingleRowAppender } from './raw-sqlite';
import { ACUTE, ApiProcess, costBody, interventionId, registerInterventions } from './http-api-process';

// autocannon ships no types: the part of its API used here.
interface AutocannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
  statusCodeStats?: Record<string, { count: number }>;
}
/** A run: awaited for its result, and an emitter of each response (`'response'`) on the way. */
type AutocannonRun = Promise<AutocannonResult> & { on(event: 'response', listener: () => void): void };
type Autocannon = (options: Record<string, unknown>) => AutocannonRun;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types and no ES module: typed here by what the bench reads
const autocannon = require('autocannon') as Autocannon;

export interface HttpBenchOptions {
  httpSeconds: number;
  httpInterventions: number;
  httpStreamEvents: number;
  httpLogEvents: number;
  /** Extra node arguments for the API process (e.g. --cpu-prof). */
  apiNodeArgs?: string[];
  /**
   * With --http-cpu-prof: a file each measured run appends its window to (one JSON line: scenario, connections, the
   * API's pid, 2xx answers, start and end in microseconds of the monotonic clock that V8's profiles use), so that
   * cpu-profile-window.ts can keep only the samples of that window.
   */
  measuredWindowsFile?: string;
}

export interface HttpRun {
  scenario: string;
  connections: number;
  commandsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  seconds: number;
  /** CPU time of the API process (all its threads) and of this process (autocannon) per 2xx answer. */
  apiCpuMsPerCommand: number;
  loadGeneratorCpuMsPerCommand: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Events in the log before the run and the stream length / log size it ran on. */
  logEventsBefore: number;
  /** os.loadavg() (what `uptime` prints) before and after the run. */
  loadBefore: number[];
  loadAfter: number[];
}

export interface HttpBenchResult {
  rawSingleAppendsPerSecond: number;
  rawRuns: number[];
  runs: HttpRun[];
}

const RAW_APPENDS = 2_000;
const RAW_WARM_UP = 200;
const WARM_UP_REQUESTS = 2_000;

/** Durable single-row appends per second with plain better-sqlite3, the adapter's schema and pragmas (median of 3). */
export function measureRawSingleAppends(dir: string): { median: number; runs: number[] } {
  const runs: number[] = [];
  for (let run = 0; run < 4; run += 1) {
    const file = join(dir, `raw-single-${run}.sqlite`);
    const db = openRaw(file);
    try {
      const rows = rowsFor(planSingleAppends(RAW_APPENDS + RAW_WARM_UP, 100));
      const append = rawSingleRowAppender(db);
      rows.slice(0, RAW_WARM_UP).forEach(append);
      collectGarbage();
      const start = process.hrtime.bigint();
      rows.slice(RAW_WARM_UP).forEach(append);
      const secondsTaken = Number(process.hrtime.bigint() - start) / 1e9;
      if (run > 0) runs.push(RAW_APPENDS / secondsTaken); // the first run warms the disk and the code
    } finally {
      db.close();
    }
  }
  return { median: median(runs), runs };
}

/** process.hrtime is CLOCK_MONOTONIC on Linux, the clock of V8's profile timestamps (µs), in every process. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

function countEvents(dataDir: string): number {
  const db = new Database(sqliteFile(dataDir), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A load's result, and how long it took from its start to its last response. */
interface TimedLoad {
  result: AutocannonResult;
  seconds: number;
}

/**
 * autocannon POSTing `amount` cost commands round-robin over the interventions. A number of requests rather than a
 * duration: a duration ends with requests in flight that the API still commits but autocannon does not count, and
 * the log check below must account for every one. Timed here, to the last response: autocannon notices it is done
 * only at its next one-second tick, so its own duration is rounded up to whole seconds (up to 10 % on a 10 s run).
 */
async function load(
  api: ApiProcess,
  token: string,
  interventions: number,
  connections: number,
  amount: number,
): Promise<TimedLoad> {
  let next = 0;
  const body = JSON.stringify(costBody);
  const started = monotonicMicros();
  let lastResponse = started;
  const run = autocannon({
    url: api.url,
    connections,
    amount,
    pipelining: 1,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          path: `/interventions/${interventionId(next++ % interventions)}/costs`,
        }),
      },
    ],
  });
  run.on('response', () => {
    lastResponse = monotonicMicros();
  });
  const result = await run;
  return { result, seconds: (lastResponse - started) / 1e6 };
}

/** One measured load at one number of connections, after a short warm-up (counted in the log check, not in the figures). */
async function measuredRun(
  api: ApiProcess,
  token: string,
  scenario: string,
  connections: number,
  options: HttpBenchOptions,
  logEventsBefore: number,
  progress: Progress,
): Promise<{ run: HttpRun; warmUpOk: number }> {
  // twice: the first warms the caches (the first command on each stream folds all of it), the second sets the pace
  const { result: coldWarmUp } = await load(api, token, options.httpInterventions, connections, WARM_UP_REQUESTS);
  const { result: warmUp, seconds: warmUpSeconds } = await load(
    api,
    token,
    options.httpInterventions,
    connections,
    WARM_UP_REQUESTS,
  );
  // as many requests as the warm-up's rate makes last the seconds asked for, and half as many again (the rate
  // after a warm-up is often higher than during it)
  const amount = Math.ceil((warmUp['2xx'] / warmUpSeconds) * options.httpSeconds * 1.5);
  progress(
    `http ${scenario}: ${connections} connection(s), 2 x ${WARM_UP_REQUESTS} requests' warm-up, then ${amount} (about ${options.httpSeconds} s)`,
  );
  const loadBefore = loadavg();
  const apiCpuBefore = api.cpuSeconds();
  const ownCpuBefore = process.cpuUsage();
  const windowStart = monotonicMicros();
  const { result, seconds } = await load(api, token, options.httpInterventions, connections, amount);
  const windowEnd = monotonicMicros();
  const apiCpu = api.cpuSeconds() - apiCpuBefore;
  if (options.measuredWindowsFile) {
    const window = {
      scenario,
      connections,
      pid: api.pid,
      commands: result['2xx'],
      startMicros: windowStart,
      endMicros: windowEnd,
    };
    appendFileSync(options.measuredWindowsFile, `${JSON.stringify(window)}\n`);
  }
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const refused = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${count} x ${code}`);
  if (refused.length > 0) progress(`http ${scenario}: answered ${refused.join(', ')}`);
  if (seconds < options.httpSeconds)
    progress(
      `http ${scenario}: the run took ${seconds.toFixed(1)} s, less than ${options.httpSeconds} s (faster than its warm-up)`,
    );
  const run: HttpRun = {
    scenario,
    connections,
    commandsPerSecond: result['2xx'] / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    seconds,
    apiCpuMsPerCommand: (apiCpu * 1000) / Math.max(1, result['2xx']),
    loadGeneratorCpuMsPerCommand: (ownCpu.user + ownCpu.system) / 1000 / Math.max(1, result['2xx']),
    ok: result['2xx'],
    non2xx: result.non2xx + warmUp.non2xx + coldWarmUp.non2xx,
    errors: result.errors + warmUp.errors + coldWarmUp.errors,
    logEventsBefore,
    loadBefore,
    loadAfter: loadavg(),
  };
  return { run, warmUpOk: coldWarmUp['2xx'] + warmUp['2xx'] };
}

/** Runs loads on the API over `dataDir`, stops it, and checks the log holds exactly one event per 2xx answer more. */
async function phase(
  dataDir: string,
  scenario: string,
  connectionsList: number[],
  options: HttpBenchOptions,
  progress: Progress,
  setup?: (api: ApiProcess) => Promise<string>,
): Promise<HttpRun[]> {
  const api = await ApiProcess.start(dataDir, options.apiNodeArgs);
  const runs: HttpRun[] = [];
  let answered = 0;
  let before: number;
  try {
    const token = setup ? await setup(api) : await api.token('contributor', 'acute-bench');
    before = countEvents(dataDir);
    for (const connections of connectionsList) {
      const { run, warmUpOk } = await measuredRun(
        api,
        token,
        scenario,
        connections,
        options,
        before + answered,
        progress,
      );
      runs.push(run);
      answered += run.ok + warmUpOk;
    }
  } finally {
    await api.stop();
  }
  const after = countEvents(dataDir);
  if (after !== before + answered) {
    throw new Error(
      `http ${scenario}: the log holds ${after} events, expected ${before} before the load + ${answered} answered 2xx`,
    );
  }
  progress(`http ${scenario}: log checked, ${before} + ${answered} answered = ${after} events`);
  return runs;
}

export async function measureHttp(
  dir: string,
  options: HttpBenchOptions,
  progress: Progress,
): Promise<HttpBenchResult> {
  progress('raw durable single-row appends (better-sqlite3)');
  const raw = measureRawSingleAppends(dir);
  const fresh = join(dir, 'http-fresh');
  const runs = await phase(fresh, 'fresh', [1, 16, 64], options, progress, (api) =>
    registerInterventions(api, options.httpInterventions),
  );
  // long streams: grow the same interventions, in a second directory, so the fresh figures are untouched
  const grown = join(dir, 'http-grown');
  await phase(grown, 'setup', [], options, progress, (api) => registerInterventions(api, options.httpInterventions));
  progress(`growing ${options.httpInterventions} streams to ${options.httpStreamEvents} events each`);
  // the bench's interventions (bench-0000 …), their costs borne by the acute trust that leads them
  const growing = {
    interventionIds: Array.from({ length: options.httpInterventions }, (_, index) => interventionId(index)),
    bearerOrganisationId: ACUTE,
    streamEvents: options.httpStreamEvents,
  };
  await withStore(grown, (store) => growLog(store, growing));
  runs.push(...(await phase(grown, `streams of ${options.httpStreamEvents}`, [16], options, progress)));
  progress(`growing the log to ${options.httpLogEvents} events`);
  await withStore(grown, (store) => growLog(store, { ...growing, logEvents: options.httpLogEvents }));
  runs.push(...(await phase(grown, `log of ${options.httpLogEvents}`, [16], options, progress)));
  return { rawSingleAppendsPerSecond: raw.median, rawRuns: raw.runs, runs };
}

async function withStore(dataDir: string, work: (store: SqliteEventStore) => Promise<void>): Promise<void> {
  const store = new SqliteEventStore(sqliteFile(dataDir));
  try {
    await work(store);
  } finally {
    await store.close();
  }
}
