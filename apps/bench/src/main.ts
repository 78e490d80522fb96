/**
 * `npm run bench`, three parts (all by default; `--only store|ledger|http` for one; http: see http-bench.ts):
 *
 * store:  durable single-event appends per second through the EventStore port (SqliteEventStore) and the
 *         rate of reading the whole log back, each beside the same work done with raw better-sqlite3 in the
 *         same run — same rows, same schema, same pragmas — and the ratio.
 * ledger: a realistic log of --ledger-events (1,000,000) events generated through the port
 *         (ledger-generator.ts, in a child process); then, in a fresh child process (ledger-bench.ts): the read-model rebuild rate
 *         beside the raw read-and-parse rate of the same log, peak RSS during the rebuild, /trace latency over
 *         figure references from real answers and as-at /system/flows latency, each against its target.
 *
 * Everything happens in a fresh directory under os.tmpdir(), removed at the end (unless --keep).
 */
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SQLITE_PRAGMAS, SqliteEventStore } from '@benefit-ledger/event-store';
import { EventRowValues, PlannedAppend, planBatchedAppends, planSingleAppends, rowsFor } from '@benefit-ledger/testing';
import { HttpBenchResult, measureHttp, reportHttp } from './http-bench';
import { LedgerMeasurement, measureLedger } from './ledger-bench';
import { LedgerStats, generateLedger } from './ledger-generator';
import { MachineInfo, collectGarbage, filesystemOf, formatRate, machineInfo, median, seconds, table } from './measure';
import { ReadTally, allRows, openRaw, rawReadAll, rawSingleRowAppender, sqliteVersion } from './raw-sqlite';

interface Options {
  appends: number;
  events: number;
  streams: number;
  batch: number;
  runs: number;
  json?: boolean;
  only?: 'store' | 'ledger' | 'http';
  httpSeconds: number;
  httpInterventions: number;
  httpStreamEvents: number;
  httpLogEvents: number;
  httpCpuProf?: string;
  ledgerEvents: number;
  ledgerBatchMonths: number;
  seed: string;
  rawRuns: number;
  traceRefs: number;
  flowsRuns: number;
  ledgerFile?: string;
  keep?: boolean;
  /** Internal: the child process's part (ledger-measure), with its inputs. */
  phase?: 'ledger-generate' | 'ledger-measure';
  readModelFile?: string;
}

/** The issue's targets for the read-model part. */
const TARGETS = { rebuildRatio: 0.4, traceP99Ms: 10, flowsAsAtMs: 500, peakRssMB: 300 };

interface Side {
  /** Median events per second over the timed runs. */
  eventsPerSecond: number;
  /** Events per second of each timed run, in order. */
  runs: number[];
}

interface Comparison {
  measure: string;
  events: number;
  port: Side;
  raw: Side;
  /** port rate / raw rate. */
  ratio: number;
  /** Extra wall time per event spent in the port, in microseconds (negative: the port was faster). */
  portOverheadMicros: number;
}

const WARM_UP_APPENDS = 200;
const LOG_APPENDS_PER_STREAM = 4;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function parseOptions(): Options {
  return new Command()
    .name('bench')
    .description(
      'store: SqliteEventStore through the EventStore port vs raw better-sqlite3 (durable appends, whole-log reads); ' +
        'ledger: read-model rebuild vs raw read-and-parse, peak RSS, /trace and as-at /system/flows latency on a generated 1M-event ledger, against the targets',
    )
    .option(
      '--appends <n>',
      "durable single-event appends per run (each its own fsync'd transaction)",
      positiveInt,
      2000,
    )
    .option(
      '--events <n>',
      'size of the log read back (built through the port in batched appends)',
      positiveInt,
      100_000,
    )
    .option('--streams <n>', 'streams the single-event appends are spread over', positiveInt, 100)
    .option('--batch <n>', 'events per append call when building the read-back log', positiveInt, 100)
    .option('--runs <n>', 'timed runs per measure, after a warm-up; the median is reported', positiveInt, 3)
    .option('--json', 'also print the result as JSON')
    .addOption(
      new Option(
        '--only <part>',
        'run one part: store (appends and read-back), ledger (rebuild, trace, as-at flows, memory) or http (cost commands over HTTP, http-bench.ts)',
      ).choices(['store', 'ledger', 'http']),
    )
    .option('--http-seconds <n>', 'http: seconds of load at each number of connections', positiveInt, 10)
    .option('--http-interventions <n>', 'http: interventions the cost commands go round', positiveInt, 200)
    .option(
      '--http-stream-events <n>',
      'http: events each intervention holds in the long-streams run',
      positiveInt,
      2_000,
    )
    .option('--http-log-events <n>', 'http: events in the log of the large-log run', positiveInt, 1_000_000)
    .option('--http-cpu-prof <dir>', 'http: run the API with node --cpu-prof, profiles into this directory')
    .option('--ledger-events <n>', 'size of the generated ledger for the read-model part', positiveInt, 1_000_000)
    .option(
      '--ledger-batch-months <n>',
      "months of one stream's commands posted in one append by the generator (3: quarterly)",
      positiveInt,
      3,
    )
    .option('--seed <seed>', 'seed of the ledger generator (same seed and size: same log)', 'benefit-ledger-bench-1')
    .option('--raw-runs <n>', 'timed raw read-and-parse runs of the ledger; the median is reported', positiveInt, 3)
    .option('--trace-refs <n>', 'figure references traced (taken from real query answers)', positiveInt, 300)
    .option('--flows-runs <n>', 'timed as-at /system/flows queries', positiveInt, 30)
    .option('--ledger-file <path>', 'reuse a ledger written by an earlier --keep run (skips generation)')
    .option('--keep', 'keep the temporary directory (the generated ledger and read models) and print its path')
    .addOption(new Option('--phase <phase>').choices(['ledger-generate', 'ledger-measure']).hideHelp())
    .addOption(new Option('--read-model-file <path>').hideHelp())
    .parse()
    .opts<Options>();
}

function progress(message: string): void {
  process.stderr.write(`… ${message}\n`);
}

function removeDb(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

async function appendThroughPort(store: SqliteEventStore, plan: PlannedAppend[]): Promise<void> {
  for (const { streamId, events, expected } of plan) await store.append(streamId, events, expected);
}

async function readThroughPort(store: SqliteEventStore): Promise<ReadTally> {
  const tally: ReadTally = { events: 0, amountPence: 0 };
  for await (const event of store.readAll()) {
    tally.events += 1;
    tally.amountPence += event.data.amountPence as number;
  }
  return tally;
}

/** Throws unless the file holds exactly `expected`, in order, column for column. */
function assertRows(file: string, expected: EventRowValues[], what: string): void {
  const db = openRaw(file);
  try {
    const actual = allRows(db);
    if (actual.length !== expected.length)
      throw new Error(`${what}: ${actual.length} rows, expected ${expected.length}`);
    actual.forEach((row, i) => {
      for (const key of Object.keys(row) as (keyof EventRowValues)[]) {
        if (row[key] !== expected[i][key]) {
          throw new Error(
            `${what}: row ${i + 1} column ${key} differs from the precomputed row, so the baseline is not like for like`,
          );
        }
      }
    });
  } finally {
    db.close();
  }
}

function compare(measure: string, events: number, portSeconds: number[], rawSeconds: number[]): Comparison {
  const side = (s: number[]): Side => ({
    eventsPerSecond: median(s.map((t) => events / t)),
    runs: s.map((t) => events / t),
  });
  const port = side(portSeconds);
  const raw = side(rawSeconds);
  return {
    measure,
    events,
    port,
    raw,
    ratio: port.eventsPerSecond / raw.eventsPerSecond,
    portOverheadMicros: (1 / port.eventsPerSecond - 1 / raw.eventsPerSecond) * 1e6,
  };
}

/** Runs the two sides `runs` times, alternating which goes first, so drift (page cache, CPU clocks) hits both. */
async function alternate(runs: number, port: (run: number) => Promise<number>, raw: (run: number) => Promise<number>) {
  const portSeconds: number[] = [];
  const rawSeconds: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    if (run % 2 === 0) {
      portSeconds.push(await port(run));
      rawSeconds.push(await raw(run));
    } else {
      rawSeconds.push(await raw(run));
      portSeconds.push(await port(run));
    }
  }
  return { portSeconds, rawSeconds };
}

/** N sequential `await store.append(stream, [event], exactRevision)` vs the same rows, one raw transaction each. */
async function measureAppends(dir: string, options: Options): Promise<Comparison> {
  const plan = planSingleAppends(options.appends, options.streams);
  const rows = rowsFor(plan);

  const warmPlan = planSingleAppends(Math.min(WARM_UP_APPENDS, options.appends), options.streams);
  const warmRows = rowsFor(warmPlan);
  const warmPort = new SqliteEventStore(join(dir, 'warm-port.db'));
  await appendThroughPort(warmPort, warmPlan);
  await warmPort.close();
  const warmRaw = openRaw(join(dir, 'warm-raw.db'));
  const appendWarmRaw = rawSingleRowAppender(warmRaw);
  for (const row of warmRows) appendWarmRaw(row);
  warmRaw.close();
  assertRows(join(dir, 'warm-port.db'), warmRows, 'warm-up port file');
  assertRows(join(dir, 'warm-raw.db'), warmRows, 'warm-up raw file');
  removeDb(join(dir, 'warm-port.db'));
  removeDb(join(dir, 'warm-raw.db'));

  const { portSeconds, rawSeconds } = await alternate(
    options.runs,
    async (run) => {
      const file = join(dir, `append-port-${run}.db`);
      const store = new SqliteEventStore(file);
      const t = await seconds(() => appendThroughPort(store, plan));
      await store.close();
      if (run === 0) assertRows(file, rows, 'port file');
      removeDb(file);
      return t;
    },
    async (run) => {
      const file = join(dir, `append-raw-${run}.db`);
      const db = openRaw(file);
      const append = rawSingleRowAppender(db);
      const t = await seconds(() => {
        for (const row of rows) append(row);
      });
      db.close();
      if (run === 0) assertRows(file, rows, 'raw file');
      removeDb(file);
      return t;
    },
  );
  return compare('durable single-event append', options.appends, portSeconds, rawSeconds);
}

interface LogInfo {
  appendCalls: number;
  streams: number;
  bytes: number;
  buildSeconds: number;
}

/** `store.readAll()` over the whole log vs one raw `.iterate()` over an identical copy of the file. */
async function measureReadAll(dir: string, options: Options): Promise<{ comparison: Comparison; log: LogInfo }> {
  const plan = planBatchedAppends(options.events, options.batch, LOG_APPENDS_PER_STREAM);
  const portFile = join(dir, 'log-port.db');
  const rawFile = join(dir, 'log-raw.db');

  let store = new SqliteEventStore(portFile);
  progress(`building the read-back log: ${options.events} events in ${plan.length} appends through the port`);
  const buildSeconds = await seconds(() => appendThroughPort(store, plan));
  await store.close();
  // Closing the last connection checkpoints the WAL into the main file, so a file copy is the whole log.
  if (existsSync(`${portFile}-wal`) && statSync(`${portFile}-wal`).size > 0)
    throw new Error('WAL not checkpointed on close; cannot copy the log');
  copyFileSync(portFile, rawFile);
  const log: LogInfo = {
    appendCalls: plan.length,
    streams: new Set(plan.map((p) => p.streamId)).size,
    bytes: statSync(portFile).size,
    buildSeconds,
  };
  plan.length = 0; // drop the 100k planned events before timing reads
  collectGarbage();

  store = new SqliteEventStore(portFile);
  const raw = openRaw(rawFile);
  try {
    // Warm-up: one full pass each (JIT, and both files into the OS page cache); the tallies must agree.
    progress('reading the log back');
    const portTally = await readThroughPort(store);
    const rawTally = rawReadAll(raw);
    if (
      portTally.events !== options.events ||
      rawTally.events !== options.events ||
      portTally.amountPence !== rawTally.amountPence
    ) {
      throw new Error(
        `read-back mismatch: port ${JSON.stringify(portTally)}, raw ${JSON.stringify(rawTally)}, expected ${options.events} events`,
      );
    }
    const { portSeconds, rawSeconds } = await alternate(
      options.runs,
      () => seconds(() => readThroughPort(store)),
      () => seconds(() => rawReadAll(raw)),
    );
    return { comparison: compare('read whole log', options.events, portSeconds, rawSeconds), log };
  } finally {
    await store.close();
    raw.close();
  }
}

function betterSqliteVersion(): string {
  try {
    return (JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

function reportMachine(machine: MachineInfo, dir: string, fs: string): void {
  console.log(
    `machine   node ${machine.node}, ${machine.platform}, ${machine.cpu} x ${machine.cores} cores, ${machine.memoryGiB} GiB`,
  );
  console.log(
    `sqlite    ${sqliteVersion()} (better-sqlite3 ${betterSqliteVersion()}); event store: ${SQLITE_PRAGMAS.join(', ')}`,
  );
  console.log(`files     ${dir} (${fs})`);
}

function report(options: Options, results: Comparison[], log: LogInfo): void {
  const mb = (log.bytes / 1e6).toFixed(1);
  console.log(
    'Event store benchmark: SqliteEventStore through the EventStore port vs raw better-sqlite3 (same pragmas both sides)',
  );
  console.log(
    `appends   ${options.appends} single-event appends over ${Math.min(options.streams, options.appends)} streams, exact expected revisions; each its own BEGIN IMMEDIATE..COMMIT (fsync)`,
  );
  console.log(
    `log       ${options.events} events, ${mb} MB, built through the port in ${log.appendCalls} appends of <=${options.batch} over ${log.streams} streams in ${log.buildSeconds.toFixed(2)} s (${formatRate(options.events / log.buildSeconds)})`,
  );
  console.log(
    `method    median of ${options.runs} timed runs after a warm-up, port and raw alternating; ratio = port rate / raw rate`,
  );
  console.log('');
  console.log(
    table(
      ['measure', 'port', 'raw better-sqlite3', 'port/raw', 'port overhead'],
      results.map((r) => [
        r.measure,
        formatRate(r.port.eventsPerSecond),
        formatRate(r.raw.eventsPerSecond),
        `${r.ratio.toFixed(2)}x`,
        `${r.portOverheadMicros >= 0 ? '+' : ''}${r.portOverheadMicros.toFixed(1)} us/event`,
      ]),
    ),
  );
}

const MB = (bytes: number) => bytes / 1e6;
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const number = (n: number) => n.toLocaleString('en-GB');

interface LedgerResult {
  stats: LedgerStats;
  file: string;
  bytes: number;
  measurement: LedgerMeasurement;
  reused: boolean;
}

/** What the generator wrote beside a ledger (runLedger writes it before anything is measured). */
const readStats = (ledgerFile: string) => JSON.parse(readFileSync(`${ledgerFile}.stats.json`, 'utf8')) as LedgerStats;

/**
 * Runs a phase of the ledger part in a fresh node process (this same script, --phase) and returns what it sends
 * back. The generator gets one too: it ends holding about 1.3 GB, and a rebuild measured beside that was measuring
 * the generator's leftovers (on the 2-core VM, first touches of memory then cost up to 7x more, and the rebuild,
 * which writes about 1 GB of new files, took 8.1-9.7 s instead of 7.0-7.5 s; see docs/benchmarks.md).
 */
function inChild<T>(phase: 'ledger-generate' | 'ledger-measure', args: string[]): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(process.argv[1], ['--phase', phase, ...args], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: T | null = null;
    child.on('message', (message) => {
      result = message as T;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result) resolvePromise(result);
      else reject(new Error(`the ${phase} process ended (${signal ?? `exit ${code}`}) without a result`));
    });
  });
}

const generateInChild = (options: Options, file: string) =>
  inChild<LedgerStats>('ledger-generate', [
    '--ledger-file',
    file,
    '--ledger-events',
    String(options.ledgerEvents),
    '--seed',
    options.seed,
    '--ledger-batch-months',
    String(options.ledgerBatchMonths),
  ]);

const measureInChild = (options: Options, file: string, readModelFile: string) =>
  inChild<LedgerMeasurement>('ledger-measure', [
    '--ledger-file',
    file,
    '--read-model-file',
    readModelFile,
    '--seed',
    options.seed,
    '--raw-runs',
    String(options.rawRuns),
    '--trace-refs',
    String(options.traceRefs),
    '--flows-runs',
    String(options.flowsRuns),
  ]);

async function runLedger(dir: string, options: Options): Promise<LedgerResult> {
  let file: string;
  let stats: LedgerStats;
  const reused = Boolean(options.ledgerFile);
  if (options.ledgerFile) {
    file = resolve(options.ledgerFile);
    stats = readStats(file);
    progress(
      `ledger: reusing ${file} (${stats.events} events, seed ${stats.seed}; generated in ${stats.seconds.toFixed(1)} s)`,
    );
  } else {
    file = join(dir, 'ledger.sqlite');
    stats = await generateInChild(options, file);
    writeFileSync(`${file}.stats.json`, JSON.stringify(stats, null, 2));
    progress(`ledger: ${stats.events} events written in ${stats.seconds.toFixed(1)} s`);
  }
  const bytes = statSync(file).size;
  const measurement = await measureInChild(options, file, join(dir, 'read-models.sqlite'));
  return { stats, file, bytes, measurement, reused };
}

function reportLedger(options: Options, r: LedgerResult): void {
  const { stats: st, measurement: m } = r;
  const types = Object.entries(st.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `${t} ${number(n)}`)
    .join(', ');
  console.log('Read-model benchmark: rebuild, /trace and as-at /system/flows on a generated ledger');
  console.log(
    `ledger    ${number(st.events)} events, ${MB(r.bytes).toFixed(0)} MB, seed '${st.seed}': ${st.organisations} organisations, ${number(st.interventions)} interventions, ${st.partnerships} partnerships, ${number(st.streams)} streams; recordedAt ${st.firstRecordedAt} .. ${st.lastRecordedAt}`,
  );
  console.log(`          ${types}`);
  console.log(
    `generate  ${r.reused ? 'reused from an earlier run: ' : 'in a child process of its own, '}through SqliteEventStore.append in ${number(st.appends)} appends (one per stream per ${st.batchMonths}-month batch, deciders' events, real hash chain) in ${st.seconds.toFixed(1)} s (${formatRate(st.events / st.seconds)}; not a target)`,
  );
  console.log(
    `rebuild   rebuildReadModels as \`npm run cli -- rebuild\` runs it (SQLite makes the row facts and, on a worker thread, the provenance file from the log file) in a fresh child process into fresh files: ${m.rebuild.seconds.toFixed(1)} s = ${Object.entries(
      m.rebuild.phaseSeconds,
    )
      .map(([phase, s]) => `${phase} ${s.toFixed(1)} s`)
      .join(' + ')} (the last with the swap), figures file ${MB(m.rebuild.readModelBytes).toFixed(0)} MB`,
  );
  console.log(
    `raw       same file, same process, after the rebuild: SELECT * FROM events ORDER BY position, .iterate(), JSON.parse of data and metadata; median of ${m.raw.runs.length} runs (${m.raw.runs.map((x) => formatRate(x)).join(', ')})`,
  );
  console.log(
    `memory    peak RSS = the child's kernel high-water mark (getrusage maxRSS) after the rebuild; RSS before the rebuild ${MB(m.memory.baselineRssBytes).toFixed(0)} MB, highest of ${m.memory.progressSamples} progress samples ${MB(m.memory.sampledPeakRssBytes).toFixed(0)} MB (50 ms timer ticks during the fold: ${m.memory.timerSamples})`,
  );
  console.log(
    `trace     ${m.trace.count} figures from real answers (pinned to the checkpoint unless as at), each trace(decode(ref)) timed once after a 20-trace warm-up; ${m.trace.mismatches} whose arithmetic total differs from the figure`,
  );
  console.log(
    `as-at     systemFlows({financialYear: '${m.flowsAsAt.financialYear}', cutoff: cutoff('${m.flowsAsAt.asAt}') (recordedAt of position ${number(m.flowsAsAt.asAtPosition)}), resolved to its log position inside each timed call}) x ${m.flowsAsAt.count} after a warm-up: ${number(m.flowsAsAt.links)} links`,
  );
  console.log(
    `checks    events_seen ${number(m.checks.eventsSeen)} (${m.checks.eventsMatch ? 'all' : 'NOT all'} events); all-years validated ${number(m.checks.validatedPenceAllYears)}p ${m.checks.validatedMatches ? "= the generator's total" : `!= the generator's ${number(st.validatedPence)}p`}; digest ${m.rebuild.digest.slice(0, 16)}…`,
  );
  console.log('');
  const rssMB = MB(m.memory.maxRssBytes);
  console.log(
    table(
      ['measure', 'result', 'raw better-sqlite3', 'ratio', 'target', 'verdict'],
      [
        [
          'rebuild read models',
          formatRate(m.rebuild.eventsPerSecond),
          formatRate(m.raw.eventsPerSecond),
          `${m.ratio.toFixed(2)}x`,
          `>= ${TARGETS.rebuildRatio.toFixed(1)}x raw`,
          verdict(m.ratio >= TARGETS.rebuildRatio),
        ],
        [
          `trace, ${m.trace.count} figures`,
          `median ${ms(m.trace.medianMs)} ms, p99 ${ms(m.trace.p99Ms)} ms`,
          '',
          '',
          `p99 < ${TARGETS.traceP99Ms} ms`,
          verdict(m.trace.p99Ms < TARGETS.traceP99Ms),
        ],
        [
          `as-at system flows, ${m.flowsAsAt.count} runs`,
          `median ${ms(m.flowsAsAt.medianMs)} ms, p99 ${ms(m.flowsAsAt.p99Ms)} ms`,
          '',
          '',
          `p99 < ${TARGETS.flowsAsAtMs} ms`,
          verdict(m.flowsAsAt.p99Ms < TARGETS.flowsAsAtMs),
        ],
        [
          'peak RSS during rebuild',
          `${rssMB.toFixed(0)} MB`,
          '',
          '',
          `< ${TARGETS.peakRssMB} MB`,
          verdict(rssMB < TARGETS.peakRssMB),
        ],
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      ['trace by figure kind', 'traced', 'of', 'median ms', 'p99 ms', 'max ms', 'events/figure', 'source query ms'],
      m.trace.kinds.map((k) => [
        k.kind,
        String(k.count),
        number(k.available),
        ms(k.medianMs),
        ms(k.p99Ms),
        ms(k.maxMs),
        k.meanEvents.toFixed(1),
        ms(k.sourceQueryMs),
      ]),
    ),
  );
  console.log('');
  console.log(
    `context   as-at flows over all years: median ${ms(m.flowsAsAtAllYears.medianMs)} ms, max ${ms(m.flowsAsAtAllYears.maxMs)} ms (${m.flowsAsAtAllYears.count} runs); pinned (upTo) flows for ${m.flowsAsAt.financialYear}: median ${ms(m.flowsPinned.medianMs)} ms, max ${ms(m.flowsPinned.maxMs)} ms (${m.flowsPinned.count} runs)`,
  );
  console.log('          p99 is nearest-rank: with fewer than 100 samples it is the maximum. MB = 10^6 bytes.');
}

/** A child's phase: does it and sends its result back (inChild). */
async function childMain(options: Options): Promise<void> {
  const { ledgerFile, readModelFile } = options;
  if (ledgerFile === undefined) throw new Error(`the ${options.phase} phase needs --ledger-file`);
  const send = process.send?.bind(process);
  if (!send) throw new Error(`the ${options.phase} phase runs in a child with an IPC channel (inChild starts it)`);
  let result: LedgerStats | LedgerMeasurement;
  if (options.phase === 'ledger-generate') {
    result = await generateLedger(
      ledgerFile,
      { events: options.ledgerEvents, seed: options.seed, batchMonths: options.ledgerBatchMonths },
      progress,
    );
  } else {
    if (readModelFile === undefined) throw new Error('the ledger-measure phase needs --read-model-file');
    const { events, validatedPence } = readStats(ledgerFile);
    const expected = { events, validatedPence };
    result = await measureLedger(
      {
        logFile: ledgerFile,
        readModelFile,
        expected,
        seed: options.seed,
        rawRuns: options.rawRuns,
        traceRefs: options.traceRefs,
        flowsRuns: options.flowsRuns,
      },
      progress,
    );
  }
  await new Promise<void>((done, fail) => send(result, (error: Error | null) => (error ? fail(error) : done())));
  process.disconnect(); // the IPC channel would keep the child alive
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (options.phase) {
    await childMain(options);
    return;
  }
  const started = process.hrtime.bigint();
  const dir = mkdtempSync(join(tmpdir(), 'benefit-ledger-bench-'));
  const cleanUp = () => {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = () => {
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!(globalThis as { gc?: unknown }).gc) progress('run with node --expose-gc for a GC between timed runs');
    const machine = machineInfo();
    const fs = filesystemOf(dir);
    let store: { results: Comparison[]; log: LogInfo } | null = null;
    let ledger: LedgerResult | null = null;
    let http: HttpBenchResult | null = null;
    if (options.only === undefined || options.only === 'store') {
      progress(`durable single-event appends: ${options.appends} x ${options.runs} runs, port and raw`);
      const appends = await measureAppends(dir, options);
      const { comparison: readAll, log } = await measureReadAll(dir, options);
      store = { results: [appends, readAll], log };
    }
    if (options.only === undefined || options.only === 'ledger') ledger = await runLedger(dir, options);
    if (options.only === undefined || options.only === 'http') {
      http = await measureHttp(
        dir,
        {
          ...options,
          apiNodeArgs: options.httpCpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.httpCpuProf)}`] : [],
        },
        progress,
      );
    }

    reportMachine(machine, dir, fs);
    if (store) {
      console.log('');
      report(options, store.results, store.log);
    }
    if (ledger) {
      console.log('');
      reportLedger(options, ledger);
    }
    if (http) {
      console.log('');
      reportHttp(http);
    }
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    console.log('');
    console.log(
      `wall time ${wall.toFixed(0)} s${options.keep ? `; kept ${dir}${ledger && !ledger.reused ? ` (reuse with --only ledger --ledger-file ${ledger.file})` : ''}` : ''}`,
    );
    if (options.json) {
      console.log('');
      console.log(
        JSON.stringify(
          {
            parameters: {
              ...options,
              json: undefined,
              warmUpAppends: Math.min(WARM_UP_APPENDS, options.appends),
              statistic: 'median',
            },
            machine,
            sqlite: {
              version: sqliteVersion(),
              betterSqlite3: betterSqliteVersion(),
              pragmas: SQLITE_PRAGMAS,
              filesystem: fs,
            },
            ...(store ? { log: { events: options.events, ...store.log }, results: store.results } : {}),
            ...(ledger
              ? {
                  ledger: {
                    file: ledger.file,
                    bytes: ledger.bytes,
                    generator: ledger.stats,
                    ...ledger.measurement,
                    targets: TARGETS,
                  },
                }
              : {}),
            ...(http ? { http } : {}),
            wallSeconds: wall,
          },
          null,
          2,
        ),
      );
    }
  } finally {
    cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
