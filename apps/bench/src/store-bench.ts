/**
 * The store part of the bench: durable single-event appends per second through the EventStore port
 * (SqliteEventStore) and the rate of reading the whole log back, each beside the same work done with raw
 * better-sqlite3 in the same run — same rows, same schema, same pragmas — and the ratio.
 */
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@benefit-ledger/event-store';
import { EventRowValues, PlannedAppend, planBatchedAppends, planSingleAppends, rowsFor } from '@benefit-ledger/testing';
import { collectGarbage, median, seconds } from './measure';
import { Options } from './options';
import { progress } from './progress';
import { ReadTally, allRows, openRaw, rawReadAll, rawSingleRowAppender } from './raw-sqlite';

export interface Side {
  /** Median events per second over the timed runs. */
  eventsPerSecond: number;
  /** Events per second of each timed run, in order. */
  runs: number[];
}

export interface Comparison {
  measure: string;
  events: number;
  port: Side;
  raw: Side;
  /** port rate / raw rate. */
  ratio: number;
  /** Extra wall time per event spent in the port, in microseconds (negative: the port was faster). */
  portOverheadMicros: number;
}

export const WARM_UP_APPENDS = 200;
const LOG_APPENDS_PER_STREAM = 4;

function removeDb(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
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
    actual.forEach((row, index) => {
      for (const key of Object.keys(row) as (keyof EventRowValues)[]) {
        if (row[key] !== expected[index][key]) {
          throw new Error(
            `${what}: row ${index + 1} column ${key} differs from the precomputed row, so the baseline is not like for like`,
          );
        }
      }
    });
  } finally {
    db.close();
  }
}

function compare(measure: string, events: number, portSeconds: number[], rawSeconds: number[]): Comparison {
  const side = (runSeconds: number[]): Side => ({
    eventsPerSecond: median(runSeconds.map((taken) => events / taken)),
    runs: runSeconds.map((taken) => events / taken),
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
      const taken = await seconds(() => appendThroughPort(store, plan));
      await store.close();
      if (run === 0) assertRows(file, rows, 'port file');
      removeDb(file);
      return taken;
    },
    async (run) => {
      const file = join(dir, `append-raw-${run}.db`);
      const db = openRaw(file);
      const append = rawSingleRowAppender(db);
      const taken = await seconds(() => {
        for (const row of rows) append(row);
      });
      db.close();
      if (run === 0) assertRows(file, rows, 'raw file');
      removeDb(file);
      return taken;
    },
  );
  return compare('durable single-event append', options.appends, portSeconds, rawSeconds);
}

export interface LogInfo {
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
    streams: new Set(plan.map((planned) => planned.streamId)).size,
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

export interface StoreResult {
  results: Comparison[];
  log: LogInfo;
}

/** The whole store part: the appends, then the read-back of a log built through the port. */
export async function runStore(dir: string, options: Options): Promise<StoreResult> {
  progress(`durable single-event appends: ${options.appends} x ${options.runs} runs, port and raw`);
  const appends = await measureAppends(dir, options);
  const { comparison: readAll, log } = await measureReadAll(dir, options);
  return { results: [appends, readAll], log };
}
