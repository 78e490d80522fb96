/** `--json`: every result of the run, with its parameters, the machine and the targets, as one JSON document. */
import { SQLITE_PRAGMAS } from '@benefit-ledger/event-store';
import { HttpBenchResult } from './http-bench';
import { LedgerResult } from './ledger-run';
import { betterSqliteVersion } from './machine-report';
import { MachineInfo } from './measure';
import { Options } from './options';
import { sqliteVersion } from './raw-sqlite';
import { StoreResult, WARM_UP_APPENDS } from './store-bench';
import { TARGETS } from './targets';

export interface RunResults {
  machine: MachineInfo;
  /** The filesystem the run's files were on (filesystemOf). */
  filesystem: string;
  store: StoreResult | null;
  ledger: LedgerResult | null;
  http: HttpBenchResult | null;
  wallSeconds: number;
}

export function reportJson(options: Options, run: RunResults): void {
  const { machine, filesystem, store, ledger, http, wallSeconds } = run;
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
          filesystem,
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
        wallSeconds,
      },
      null,
      2,
    ),
  );
}
