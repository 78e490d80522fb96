/** The lines every run starts with: the machine, SQLite and the filesystem the files are on. */
import { readFileSync } from 'node:fs';
import { SQLITE_PRAGMAS } from '@benefit-ledger/event-store';
import { MachineInfo } from './measure';
import { sqliteVersion } from './raw-sqlite';

export function betterSqliteVersion(): string {
  try {
    return (JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

export function reportMachine(machine: MachineInfo, dir: string, fs: string): void {
  console.log(
    `machine   node ${machine.node}, ${machine.platform}, ${machine.cpu} x ${machine.cores} cores, ${machine.memoryGiB} GiB`,
  );
  console.log(
    `sqlite    ${sqliteVersion()} (better-sqlite3 ${betterSqliteVersion()}); event store: ${SQLITE_PRAGMAS.join(', ')}`,
  );
  console.log(`files     ${dir} (${fs})`);
}
