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

function describe(verification: PackVerification): string[] {
  const counts = `${count(verification.files, 'file')}, ${count(verification.events, 'event')} in ${count(verification.streams, 'stream')}, ${count(verification.figures, 'figure')}, ${count(verification.seals.length, 'seal')}`;
  const seals = verification.seals.map(
    (seal) =>
      `  seal ${seal.financialYear} (${seal.scope === 'system' ? 'whole system' : (seal.scope as { organisationId: string }).organisationId}) at position ${seal.position}: root ${seal.root}`,
  );
  if (verification.ok)
    return [
      `ok: the audit pack for ${verification.organisationId}, ${verification.financialYear} verifies (${counts})`,
      ...seals,
    ];
  return [
    `FAILED: ${count(verification.problems.length, 'problem')} in the audit pack for ${verification.organisationId ?? '?'}, ${verification.financialYear ?? '?'} (${counts})`,
    ...verification.problems.map((problem) => {
      const event = problem.event
        ? ` event ${problem.event.streamId}@${problem.event.revision} (global position ${problem.event.position}, ${problem.event.type}, ${problem.event.eventId}):`
        : '';
      const figure = problem.figure ? ` figure ${problem.figure}:` : '';
      return `  ${problem.file}:${event}${figure} ${problem.reason}`;
    }),
  ];
}
