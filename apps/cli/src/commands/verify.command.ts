import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { VerifyLogQuery, loadConfig } from '@benefit-ledger/application';
import { BrokenEvent, SqliteEventStore, VerifyReport } from '@benefit-ledger/event-store';
import { openCore } from '../application-context';

/** Recomputes every stream's hash chain and every seal; exit status 1 names the first broken event. */
export function verifyCommand(print: (line: string) => void, setExitCode: (code: number) => void): Command {
  return new Command('verify')
    .description(
      "recompute every stream's hash chain and every seal of a closed year, and name the first broken event (exit status 1 if any)",
    )
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      const core = await openCore(loadConfig());
      try {
        const total = core.store instanceof SqliteEventStore ? core.store.headPositionNow() : 0;
        const bar =
          process.stderr.isTTY && total > 0
            ? new SingleBar(
                { format: 'verify [{bar}] {percentage}% | {value}/{total} events', stream: process.stderr },
                Presets.shades_classic,
              )
            : null;
        bar?.start(total, 0);
        const report: VerifyReport = await core.queries.execute(new VerifyLogQuery((n) => bar?.update(n)));
        bar?.stop();
        if (options.json) print(JSON.stringify(report, null, 2));
        else for (const line of describeReport(report)) print(line);
        setExitCode(report.ok ? 0 : 1);
      } finally {
        await core.context.close();
      }
    });
}

function describeReport(report: VerifyReport): string[] {
  const missing = report.missingPositions.map((m) => (m.from === m.to ? `${m.from}` : `${m.from}–${m.to}`)).join(', ');
  if (report.ok) {
    const seals = report.seals.map(
      (seal) =>
        `  ${seal.label}: heads at position ${seal.sealedPosition}, ${seal.streamCount} streams, root ${seal.root} (${seal.streamId}@${seal.revision})`,
    );
    return [
      `ok: ${report.events} events in ${report.streams} streams; every hash chain verifies`,
      report.seals.length
        ? `seals: ${report.seals.length} verified`
        : 'seals: none yet (closing a financial year seals the log)',
      ...seals,
    ];
  }
  const broken = report.firstBroken;
  if (!broken) throw new Error('verification failed without naming where the chain broke');
  return [
    `BROKEN at ${where(broken)}`,
    `  ${broken.reason}`,
    ...(broken.seal
      ? [
          `  found by the seal of ${broken.seal.label} (${broken.seal.streamId}@${broken.seal.revision}, global position ${broken.seal.position})`,
        ]
      : []),
    ...(missing ? [`  missing global positions: ${missing}`] : []),
    `  ${report.events} events verified before it`,
  ];
}

function where(broken: BrokenEvent): string {
  if (broken.streamId === null)
    return `global position ${broken.position} (deleted events: the log no longer says whose)`;
  const position = broken.position === null ? 'deleted' : `global position ${broken.position}`;
  return `${broken.streamId} revision ${broken.revision} (${position}, event ${broken.eventId ?? '?'}, ${broken.type ?? '?'})`;
}
