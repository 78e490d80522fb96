import { Argument, Command, Option } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig, lockDataDir } from '@benefit-ledger/application';
import { openCore } from '../application-context';
import { CsvFileError } from '../import/csv-file';
import { IMPORT_KINDS, ImportKind, NO_PROGRESS, Progress, columnsOf, importCsv } from '../import/csv-import';
import { ReportHeader } from '../import/report-lines-kind';
import { importRegisterFile } from '../register/register-commands';
import { ActorOptions, actorFrom, addActorOptions } from './actor-options';
import { count } from './count';

/** Files with at least this many rows get a progress bar (on a terminal). */
const LARGE_FILE_ROWS = 200;

function progressBar(): Progress {
  if (!process.stderr.isTTY) return NO_PROGRESS;
  let bar: SingleBar | null = null;
  return {
    start(total, label) {
      if (total < LARGE_FILE_ROWS) return;
      bar = new SingleBar(
        { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, stream: process.stderr },
        Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    update: (done) => bar?.update(done),
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

const layouts = IMPORT_KINDS.map(
  (kind) =>
    `  ${kind}: ${columnsOf(kind)
      .map((c) => (c.required ? c.name : `[${c.name}]`))
      .join(',')}`,
).join('\n');

interface ImportOptions extends ActorOptions, ReportHeader {
  dryRun?: boolean;
}

/** `import <kind> <file.csv>`: every row validated first; any bad row and nothing is appended; re-importing appends nothing. */
export function importCommand(
  print: (line: string) => void,
  printError: (line: string) => void,
  setExitCode: (code: number) => void,
): Command {
  return addActorOptions(
    new Command('import')
      .description(
        "import a CSV file of interventions, costs, benefits or a report's lines through the same checks as the API: every row is validated first; if any is bad nothing is appended",
      )
      .addArgument(new Argument('<kind>', 'what the file holds').choices([...IMPORT_KINDS, 'register']))
      .argument('<file>', 'the CSV file, with a header row')
      .option('--dry-run', 'validate every row and say what would be appended, appending nothing')
      .addOption(
        new Option('--total <pence>', "report-lines: the report's total in pence (the lines must add up to it)"),
      )
      .option('--source-system <system>', "report-lines: the report's source system, e.g. the ledger")
      .option('--source-reference <reference>', "report-lines: the report's reference, e.g. CIP tracker month 12")
      .option('--source-extracted-on <date>', 'report-lines: when the report was extracted, e.g. 2020-04-30')
      .addHelpText('after', `\nColumns ([optional]; docs/cli.md "CSV import and export" explains each):\n${layouts}`),
  ).action(async (kind: ImportKind | 'register', file: string, options: ImportOptions) => {
    if (kind === 'register') return importRegisterFile(file, options, print, printError, setExitCode); // docs/benefits-register.md
    const reportOptions = [options.total, options.sourceSystem, options.sourceReference, options.sourceExtractedOn];
    if (kind !== 'report-lines' && reportOptions.some((o) => o !== undefined)) {
      throw new Error('--total and --source-* give the header of a report: they apply to report-lines only');
    }
    const config = loadConfig();
    const actor = await actorFrom(options, config);
    // a writer: refused while the API or another writer holds DATA_DIR; a dry run appends nothing and runs beside them
    const lock = options.dryRun ? null : lockDataDir(config.dataDir, 'cli import');
    const core = await openCore(config).catch((error: unknown) => {
      lock?.release();
      throw error;
    });
    try {
      const outcome = await importCsv(
        core,
        {
          kind,
          file,
          actor,
          dryRun: options.dryRun,
          report: {
            total: options.total,
            sourceSystem: options.sourceSystem,
            sourceReference: options.sourceReference,
            sourceExtractedOn: options.sourceExtractedOn,
          },
        },
        progressBar(),
      );
      if (outcome.status === 'refused') {
        const rows = new Set(outcome.problems.filter((p) => p.line !== null).map((p) => p.line)).size;
        const other = outcome.problems.some((p) => p.line === null);
        printError(
          `refused: ${file} has ${rows || !other ? count(rows, 'bad row') : 'problems'}${rows && other ? ' and other problems' : ''}; nothing was appended`,
        );
        for (const problem of outcome.problems)
          printError(
            problem.line === null
              ? `  ${problem.column}: ${problem.reason}`
              : `  line ${problem.line}, column ${problem.column}: ${problem.reason}`,
          );
        setExitCode(1);
        return;
      }
      const skipped = outcome.skipped ? `; ${count(outcome.skipped, 'row')} already recorded, skipped` : '';
      if (outcome.status === 'checked')
        print(
          `ok: ${outcome.rows} rows valid; importing would append ${count(outcome.toAppend, 'event')}${skipped} (dry run: nothing appended)`,
        );
      else if (outcome.events === 0)
        print(`nothing to append: all ${outcome.rows} rows of ${file} are already recorded`);
      else
        print(
          `imported ${file}: ${outcome.rows} rows, ${count(outcome.events, 'event')} appended to ${count(outcome.streams, 'stream')}${skipped}`,
        );
    } catch (error) {
      if (error instanceof CsvFileError) {
        printError(`refused: ${error.message}; nothing was appended`);
        setExitCode(1);
        return;
      }
      throw error;
    } finally {
      await core.context.close();
      lock?.release();
    }
  });
}
