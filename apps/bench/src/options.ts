/** The bench's command line: its options, their defaults and the --help text. */
import { Command, InvalidArgumentError, Option } from 'commander';

export interface Options {
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

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
}

export function parseOptions(): Options {
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
