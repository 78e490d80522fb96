/**
 * `npm run bench`, three parts (all by default; `--only store|ledger|http` for one):
 *
 * store:  durable single-event appends per second through the EventStore port (SqliteEventStore) and the
 *         rate of reading the whole log back, each beside the same work done with raw better-sqlite3 in the
 *         same run — same rows, same schema, same pragmas — and the ratio (store-bench.ts).
 * ledger: a realistic log of --ledger-events (1,000,000) events generated through the port
 *         (ledger-generator.ts, in a child process); then, in a fresh child process (ledger-bench.ts): the read-model rebuild rate
 *         beside the raw read-and-parse rate of the same log, peak RSS during the rebuild, /trace latency over
 *         figure references from real answers and as-at /system/flows latency, each against its target (ledger-run.ts).
 * http:   cost commands over HTTP against the compiled API (http-bench.ts).
 *
 * Everything happens in a fresh directory under os.tmpdir(), removed at the end (unless --keep). This file only
 * drives: the options are in options.ts, each part in its own file, and each report beside it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HttpBenchResult, measureHttp } from './http-bench';
import { reportHttp } from './http-report';
import { reportJson } from './json-report';
import { reportLedger } from './ledger-report';
import { LedgerResult, childMain, runLedger } from './ledger-run';
import { reportMachine } from './machine-report';
import { filesystemOf, machineInfo } from './measure';
import { Options, parseOptions } from './options';
import { progress } from './progress';
import { StoreResult, runStore } from './store-bench';
import { reportStore } from './store-report';

const runs = (options: Options, part: NonNullable<Options['only']>) =>
  options.only === undefined || options.only === part;

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
    const filesystem = filesystemOf(dir);
    const store: StoreResult | null = runs(options, 'store') ? await runStore(dir, options) : null;
    const ledger: LedgerResult | null = runs(options, 'ledger') ? await runLedger(dir, options) : null;
    let http: HttpBenchResult | null = null;
    if (runs(options, 'http')) {
      const profileDir = options.httpCpuProf ? resolve(options.httpCpuProf) : undefined;
      const apiNodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
      const measuredWindowsFile = profileDir ? join(profileDir, 'measured-windows.jsonl') : undefined;
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      http = await measureHttp(dir, { ...options, apiNodeArgs, measuredWindowsFile }, progress);
    }

    reportMachine(machine, dir, filesystem);
    if (store) {
      console.log('');
      reportStore(options, store.results, store.log);
    }
    if (ledger) {
      console.log('');
      reportLedger(ledger);
    }
    if (http) {
      console.log('');
      reportHttp(http);
    }
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log('');
    console.log(
      `wall time ${wallSeconds.toFixed(0)} s${options.keep ? `; kept ${dir}${ledger && !ledger.reused ? ` (reuse with --only ledger --ledger-file ${ledger.file})` : ''}` : ''}`,
    );
    if (options.json) {
      console.log('');
      reportJson(options, { machine, filesystem, store, ledger, http, wallSeconds });
    }
  } finally {
    cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
