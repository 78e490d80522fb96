/**
 * The ledger part's processes: a realistic log of --ledger-events events generated through the port
 * (ledger-generator.ts) in a child process, then measured in a fresh child process (ledger-bench.ts). Each child
 * is this same script run with --phase; childMain is what it does there.
 */
import { fork } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LedgerMeasurement, measureLedger } from './ledger-bench';
import { LedgerStats, generateLedger } from './ledger-generator';
import { Options } from './options';
import { progress } from './progress';

export interface LedgerResult {
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

export async function runLedger(dir: string, options: Options): Promise<LedgerResult> {
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

/** A child's phase: does it and sends its result back (inChild). */
export async function childMain(options: Options): Promise<void> {
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
