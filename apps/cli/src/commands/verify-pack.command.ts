import { resolve } from 'node:path';
import { Command } from 'commander';
import { PackVerification, extractPackArchive, verifyAuditPack } from '@benefit-ledger/application';
import { count } from './count';

/** Verifies an audit pack offline (a directory or a .tar.gz); exit status 1 names each file and event that does not verify. */
export function verifyPackCommand(print: (line: string) => void, setExitCode: (code: number) => void): Command {
  return new Command('verify-pack')
    .description(
      'verify an audit pack offline, from its files alone: SHA256SUMS, every event hash and chain, the seals, every figure; exit status 1 if anything was edited',
    )
    .argument('<pack>', 'the pack directory or its .tar.gz')
    .option(
      '--expect-root <root>',
      "a seal root published when the year was closed: one of the pack's seals must have it",
    )
    .option('--json', 'print the result as JSON')
    .action(async (pack: string, options: { expectRoot?: string; json?: boolean }) => {
      const path = resolve(pack);
      const archive = path.endsWith('.tar.gz') || path.endsWith('.tgz') ? await extractPackArchive(path) : null;
      try {
        const result = verifyAuditPack(archive?.dir ?? path, { expectRoot: options.expectRoot });
        if (options.json) print(JSON.stringify(result, null, 2));
        else for (const line of describe(result)) print(line);
        setExitCode(result.ok ? 0 : 1);
      } finally {
        archive?.cleanup();
      }
    });
}

function describe(r: PackVerification): string[] {
  const counts = `${count(r.files, 'file')}, ${count(r.events, 'event')} in ${count(r.streams, 'stream')}, ${count(r.figures, 'figure')}, ${count(r.seals.length, 'seal')}`;
  const seals = r.seals.map(
    (s) =>
      `  seal ${s.financialYear} (${s.scope === 'system' ? 'whole system' : (s.scope as { organisationId: string }).organisationId}) at position ${s.position}: root ${s.root}`,
  );
  if (r.ok) return [`ok: the audit pack for ${r.organisationId}, ${r.financialYear} verifies (${counts})`, ...seals];
  return [
    `FAILED: ${count(r.problems.length, 'problem')} in the audit pack for ${r.organisationId ?? '?'}, ${r.financialYear ?? '?'} (${counts})`,
    ...r.problems.map((p) => {
      const event = p.event
        ? ` event ${p.event.streamId}@${p.event.revision} (global position ${p.event.position}, ${p.event.type}, ${p.event.eventId}):`
        : '';
      const figure = p.figure ? ` figure ${p.figure}:` : '';
      return `  ${p.file}:${event}${figure} ${p.reason}`;
    }),
  ];
}
