import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { Command } from 'commander';
import {
  AuditPackBuilder,
  AuditPackSummary,
  loadConfig,
  packDirName,
  writePackArchive,
} from '@benefit-ledger/application';
import { Actor, FinancialYear, financialYearFromSlug } from '@benefit-ledger/domain';
import { openCore } from '../application-context';
import { count } from './count';

/** `2019/20` or `2019-20`. */
export function financialYearOption(value: string): FinancialYear {
  const year = financialYearFromSlug(value);
  if (!year) throw new Error(`--financial-year must be a financial year like 2019/20 (or 2019-20), got '${value}'`);
  return year;
}

/** Writes an organisation's audit pack for a year, into a directory or a .tar.gz. */
export function auditPackCommand(print: (line: string) => void): Command {
  return new Command('audit-pack')
    .description(
      "write an organisation's audit pack for a year: every report figure as closed and as restated with its trace, the events behind them as canonical JSON with their hashes, the seals, a README on re-verifying it with sha256sum, a CSV, SHA256SUMS",
    )
    .requiredOption('--organisation <organisationId>', 'whose figures')
    .requiredOption('--financial-year <year>', 'which year, e.g. 2019/20', financialYearOption)
    .requiredOption('--out <dir|file.tar.gz>', 'a new (or empty) directory for the pack, or a .tar.gz file to write')
    .action(async (options: { organisation: string; financialYear: FinancialYear; out: string }) => {
      // the read models are caught up from the log first (the API may be running on the same DATA_DIR)
      const core = await openCore(loadConfig(), 'live');
      // the CLI reads the store directly, as an auditor does: whoever runs it holds the files anyway
      const actor: Actor = {
        userId: `cli:${userInfo().username}`,
        organisationId: options.organisation,
        role: 'auditor',
      };
      const out = resolve(options.out);
      const archive = out.endsWith('.tar.gz');
      const parent = archive ? mkdtempSync(join(dirname(out), '.audit-pack-')) : dirname(out);
      const dir = archive ? join(parent, packDirName(options.organisation, options.financialYear)) : out;
      try {
        const now = new Date();
        const summary = await core.context
          .get(AuditPackBuilder)
          .build({ organisationId: options.organisation, financialYear: options.financialYear, actor, now }, dir);
        if (archive) await writePackArchive(parent, basename(dir), out, now);
        for (const line of describe(summary, out)) print(line);
      } finally {
        if (archive) rmSync(parent, { recursive: true, force: true });
        await core.context.close();
      }
    });
}

function describe(summary: AuditPackSummary, out: string): string[] {
  return [
    `audit pack for ${summary.organisationId}, ${summary.financialYear} (${summary.closed ? 'closed: figures as closed and as restated' : 'not closed: figures as they stand'}), taken at global position ${summary.upToPosition}`,
    `  ${count(summary.figures, 'figure')} with their traces, ${count(summary.events, 'event')} in ${count(summary.streams, 'stream')}, ${count(summary.seals, 'seal')}, ${count(summary.files, 'file')}`,
    `  written to ${out}`,
    `  verify it offline: npm run cli -- verify-pack ${out}`,
  ];
}
