import { Command } from 'commander';
import { version } from '../../../package.json';
import { auditPackCommand } from './commands/audit-pack.command';
import { demoCommand } from './commands/demo.command';
import { exportCommand } from './commands/export.command';
import { importCommand } from './commands/import.command';
import { gatewayCommand } from './commands/gateway.command';
import { digestCommand, rebuildCommand } from './commands/rebuild.command';
import { tokenCommand } from './commands/token.command';
import { verifyCommand } from './commands/verify.command';
import { verifyPackCommand } from './commands/verify-pack.command';

/** The CLI: `npm run cli -- <command>`; environment as for the API (DATA_DIR, JWT_SECRET, EVENTSTORE_CONNECTION_STRING; KAFKA_* for gateway). */
export function buildProgram(
  print: (line: string) => void,
  setExitCode: (code: number) => void,
  printError: (line: string) => void = print,
): Command {
  return new Command('benefit-ledger')
    .description(
      'benefit-ledger command line: tokens, verification, audit packs, the demo, CSV import and export, read-model rebuilds and the Kafka gateway (same application core as the API)',
    )
    .version(version, '-V, --version', 'print the version of benefit-ledger')
    .showHelpAfterError()
    .addCommand(tokenCommand(print, printError))
    .addCommand(verifyCommand(print, setExitCode))
    .addCommand(auditPackCommand(print))
    .addCommand(verifyPackCommand(print, setExitCode))
    .addCommand(demoCommand(print))
    .addCommand(rebuildCommand(print))
    .addCommand(digestCommand(print))
    .addCommand(importCommand(print, printError, setExitCode))
    .addCommand(exportCommand(print))
    .addCommand(gatewayCommand(print));
}
