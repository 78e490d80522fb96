/**
 * `npm run bench`: durable single-event appends per second through the EventStore port
 * (SqliteEventStore) and the rate of reading the whole log back, each beside the same work done
 * with raw better-sqlite3 in the same run — same rows, same schema, same pragmas — and the ratio.
 *
 * Everything happens in a fresh directory under os.tmpdir(), removed at the end.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { SQLITE_PRAGMAS, SqliteEventStore } from '@benefit-ledger/event-store';
import {
  MachineInfo, collectGarbage, filesystemOf, formatRate, machineInfo, median, seconds, table,
} from './measure';
import { ReadTally, allRows, openRaw, rawReadAll, rawSingleRowAppender, sqliteVersion } from './raw-sqlite';
import { EventRowValues, PlannedAppend, planBatchedAppends, planSingleAppends, rowsFor } from './workload';

interface Options {
  appends: number;
  events: number;
  streams: number;
  batch: number;
  runs: number;
  json?: boolean;
}

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
    .description('SqliteEventStore through the EventStore port vs raw better-sqlite3: durable appends and whole-log reads')
    .option('--appends <n>', 'durable single-event appends per run (each its own fsync\'d transaction)', positiveInt, 2000)
    .option('--events <n>', 'size of the log read back (built through the port in batched appends)', positiveInt, 100_000)
    .option('--streams <n>', 'streams the single-event appends are spread over', positiveInt, 100)
    .option('--batch <n>', 'events per append call when building the read-back log', positiveInt, 100)
    .option('--runs <n>', 'timed runs per measure, after a warm-up; the median is reported', positiveInt, 3)
    .option('--json', 'also print the result as JSON')
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
    if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} rows, expected ${expected.length}`);
    actual.forEach((row, i) => {
      for (const key of Object.keys(row) as (keyof EventRowValues)[]) {
        if (row[key] !== expected[i][key]) {
          throw new Error(`${what}: row ${i + 1} column ${key} differs from the precomputed row, so the baseline is not like for like`);
        }
      }
    });
  } finally {
    db.close();
  }
}

function compare(measure: string, events: number, portSeconds: number[], rawSeconds: number[]): Comparison {
  const side = (s: number[]): Side => ({ eventsPerSecond: median(s.map((t) => events / t)), runs: s.map((t) => events / t) });
  const port = side(portSeconds);
  const raw = side(rawSeconds);
  return {
    measure, events, port, raw,
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
      const t = await seconds(() => { for (const row of rows) append(row); });
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
  if (existsSync(`${portFile}-wal`) && statSync(`${portFile}-wal`).size > 0) throw new Error('WAL not checkpointed on close; cannot copy the log');
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
    if (portTally.events !== options.events || rawTally.events !== options.events || portTally.amountPence !== rawTally.amountPence) {
      throw new Error(`read-back mismatch: port ${JSON.stringify(portTally)}, raw ${JSON.stringify(rawTally)}, expected ${options.events} events`);
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
    return (require('better-sqlite3/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function report(options: Options, machine: MachineInfo, dir: string, fs: string, results: Comparison[], log: LogInfo): void {
  const mb = (log.bytes / 1e6).toFixed(1);
  console.log('Event store benchmark: SqliteEventStore through the EventStore port vs raw better-sqlite3');
  console.log(`machine   node ${machine.node}, ${machine.platform}, ${machine.cpu} x ${machine.cores} cores, ${machine.memoryGiB} GiB`);
  console.log(`sqlite    ${sqliteVersion()} (better-sqlite3 ${betterSqliteVersion()}); both sides: ${SQLITE_PRAGMAS.join(', ')}`);
  console.log(`files     ${dir} (${fs})`);
  console.log(`appends   ${options.appends} single-event appends over ${Math.min(options.streams, options.appends)} streams, exact expected revisions; each its own BEGIN IMMEDIATE..COMMIT (fsync)`);
  console.log(`log       ${options.events} events, ${mb} MB, built through the port in ${log.appendCalls} appends of <=${options.batch} over ${log.streams} streams in ${log.buildSeconds.toFixed(2)} s (${formatRate(options.events / log.buildSeconds)})`);
  console.log(`method    median of ${options.runs} timed runs after a warm-up, port and raw alternating; ratio = port rate / raw rate`);
  console.log('');
  console.log(table(
    ['measure', 'port', 'raw better-sqlite3', 'port/raw', 'port overhead'],
    results.map((r) => [
      r.measure,
      formatRate(r.port.eventsPerSecond),
      formatRate(r.raw.eventsPerSecond),
      `${r.ratio.toFixed(2)}x`,
      `${r.portOverheadMicros >= 0 ? '+' : ''}${r.portOverheadMicros.toFixed(1)} us/event`,
    ]),
  ));
}

async function main(): Promise<void> {
  const options = parseOptions();
  const dir = mkdtempSync(join(tmpdir(), 'benefit-ledger-bench-'));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  const onSignal = () => { cleanUp(); process.exit(130); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!(globalThis as { gc?: unknown }).gc) progress('run with node --expose-gc for a GC between timed runs');
    const machine = machineInfo();
    const fs = filesystemOf(dir);
    progress(`durable single-event appends: ${options.appends} x ${options.runs} runs, port and raw`);
    const appends = await measureAppends(dir, options);
    const { comparison: readAll, log } = await measureReadAll(dir, options);
    const results = [appends, readAll];
    report(options, machine, dir, fs, results, log);
    if (options.json) {
      console.log('');
      console.log(JSON.stringify({
        parameters: { ...options, json: undefined, warmUpAppends: Math.min(WARM_UP_APPENDS, options.appends), statistic: 'median' },
        machine,
        sqlite: { version: sqliteVersion(), betterSqlite3: betterSqliteVersion(), pragmas: SQLITE_PRAGMAS, filesystem: fs },
        log: { events: options.events, ...log },
        results,
      }, null, 2));
    }
  } finally {
    cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
