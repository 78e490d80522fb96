import { writeFileSync } from 'node:fs';
import { loadConfig, lockDataDir } from '@benefit-ledger/application';
import { FINANCIAL_YEAR_RULE, isFinancialYear } from '@benefit-ledger/domain';
import { openCore } from '../application-context';
import { ActorOptions, actorFrom } from '../commands/actor-options';
import { count } from '../commands/count';
import { CsvFileError } from '../import/csv-file';
import { exportRegister } from './register-export';
import { importRegister } from './register-import';

/** `export register --financial-year 2019/20 [--out FILE]`: the benefits register of a year as CSV (docs/benefits-register.md). */
export async function exportRegisterFile(
  options: { financialYear?: string; out?: string; format?: string },
  print: (line: string) => void,
): Promise<void> {
  const year = options.financialYear ?? '';
  if (!isFinancialYear(year)) throw new Error(`register needs --financial-year, ${FINANCIAL_YEAR_RULE}`);
  if (options.format === 'json') throw new Error('the register is exported as CSV only');
  const core = await openCore(loadConfig());
  try {
    const { rows, csv } = await exportRegister(core.store, year);
    if (!options.out) {
      process.stdout.write(csv);
      return;
    }
    writeFileSync(options.out, csv);
    print(`wrote the ${year} benefits register, ${count(rows.length, 'benefit')}, to ${options.out}`);
  } finally {
    await core.context.close();
  }
}

/** `import register FILE`: all or nothing; every failing field of every row named. */
export async function importRegisterFile(
  file: string,
  options: ActorOptions & { dryRun?: boolean },
  print: (line: string) => void,
  printError: (line: string) => void,
  setExitCode: (code: number) => void,
): Promise<void> {
  const config = loadConfig();
  const actor = await actorFrom(options, config);
  const lock = options.dryRun ? null : lockDataDir(config.dataDir, 'cli import register');
  const core = await openCore(config).catch((error: unknown) => {
    lock?.release();
    throw error;
  });
  try {
    const outcome = await importRegister(core, file, actor, options.dryRun);
    if (outcome.status === 'refused') {
      printError(
        `refused: ${file} has ${count(new Set(outcome.problems.map((p) => p.line)).size, 'bad row')}; nothing was appended`,
      );
      for (const problem of outcome.problems)
        printError(`  line ${problem.line}, column ${problem.column}: ${problem.reason}`);
      setExitCode(1);
      return;
    }
    if (outcome.status === 'checked')
      print(
        `ok: ${outcome.rows} rows valid; importing would append ${count(outcome.toAppend, 'event')} (dry run: nothing appended)`,
      );
    else
      print(
        `imported ${file}: ${outcome.rows} rows, ${count(outcome.events, 'event')} appended to ${count(outcome.streams, 'stream')}`,
      );
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    printError(`refused: ${error.message}; nothing was appended`);
    setExitCode(1);
  } finally {
    await core.context.close();
    lock?.release();
  }
}
