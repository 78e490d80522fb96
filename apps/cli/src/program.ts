import { Command } from 'commander';
import { demoCommand } from './commands/demo.command';
import { gatewayCommand } from './commands/gateway.command';
import { digestCommand, rebuildCommand } from './commands/rebuild.command';
import { tokenCommand } from './commands/token.command';
import { verifyCommand } from './commands/verify.command';

/** The CLI: `npm run cli -- <command>`; environment as for the API (DATA_DIR, JWT_SECRET, EVENTSTORE_CONNECTION_STRING; KAFKA_* for gateway). */
export function buildProgram(print: (line: string) => void, setExitCode: (code: number) => void): Command {
  return new Command('benefit-ledger')
    .description('benefit-ledger command line: tokens, verification, the demo, read-model rebuilds and the Kafka gateway (same application core as the API)')
    .showHelpAfterError()
    .addCommand(tokenCommand(print))
    .addCommand(verifyCommand(print, setExitCode))
    .addCommand(demoCommand(print))
    .addCommand(rebuildCommand(print))
    .addCommand(digestCommand(print))
    .addCommand(gatewayCommand(print));
}
