import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { VerifyLogQuery, loadConfig } from '@benefit-ledger/application';
import { SqliteEventStore, VerifyReport } from '@benefit-ledger/event-store';
import { openCore } from '../application-context';

/** Recomputes every stream's hash chain; exit status 1 names the first broken event. */
export function verifyCommand(print: (line: string) => void, setExitCode: (code: number) => void): Command {
  return new Command('verify')
    .description("recompute every stream's hash chain and name the first broken event (exit status 1 if any)")
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      const core = await openCore(loadConfig());
      try {
        const total = core.store instanceof SqliteEventStore ? core.store.headPositionNow() : 0;
        const bar = process.stderr.isTTY && total > 0 ? new SingleBar({ format: 'verify [{bar}] {percentage}% | {value}/{total} events', stream: process.stderr }, Presets.shades_classic) : null;
        bar?.start(total, 0);
        const report: VerifyReport = await core.queries.execute(new VerifyLogQuery((n) => bar?.update(n)));
        bar?.stop();
        if (options.json) print(JSON.stringify(report, null, 2));
        else if (report.ok) print(`ok: ${report.events} events in ${report.streams} streams; every hash chain verifies`);
        else {
          const b = report.firstBroken!;
          print(`BROKEN at ${b.streamId} revision ${b.revision} (global position ${b.position}, event ${b.eventId ?? '?'}, ${b.type ?? '?'})`);
          print(`  ${b.reason}`);
          print(`  ${report.events} events verified before it`);
        }
        setExitCode(report.ok ? 0 : 1);
      } finally {
        await core.context.close();
      }
    });
}
