import { writeFileSync } from 'node:fs';
import { Argument, Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import {
  GetOrganisationValueQuery,
  GetReconciliationQuery,
  GetSystemFlowsQuery,
  loadConfig,
} from '@benefit-ledger/application';
import { FINANCIAL_YEAR_RULE, INSTANT_RULE, isFinancialYear, isId, isInstant } from '@benefit-ledger/domain';
import { valueQueryOptions } from '@benefit-ledger/contracts';
import { openCore } from '../application-context';
import { Table, organisationValueTable, reconciliationTable, systemFlowsTable } from '../export/report-tables';
import { exportRegisterFile } from '../register/register-commands';
import { ActorOptions, actorFrom, addActorOptions } from './actor-options';

export const EXPORT_REPORTS = ['reconciliation', 'organisation-value', 'system-flows', 'register'] as const;
type ExportReport = (typeof EXPORT_REPORTS)[number];

interface ExportOptions extends ActorOptions {
  format: 'csv' | 'json';
  organisationId?: string;
  financialYear?: string;
  asAt?: string;
  out?: string;
}

type ExportRequest =
  | { report: 'reconciliation'; organisationId: string; financialYear: string }
  | { report: 'organisation-value'; organisationId: string }
  | { report: 'system-flows' };

/** What the report needs from the options, checked before the ledger is opened. */
function exportRequest(report: Exclude<ExportReport, 'register'>, options: ExportOptions): ExportRequest {
  const { organisationId, financialYear } = options;
  if (financialYear !== undefined && !isFinancialYear(financialYear))
    throw new Error(`--financial-year must be ${FINANCIAL_YEAR_RULE}, got '${financialYear}'`);
  if (report === 'system-flows') return { report };
  if (!isId(organisationId)) throw new Error(`${report} needs --organisation-id <id>`);
  if (report === 'organisation-value') return { report, organisationId };
  if (!financialYear) throw new Error('reconciliation needs --financial-year');
  return { report, organisationId, financialYear };
}

/** `export <report> --format csv`: a read-model query's answer, one row per figure with its trace reference. */
export function exportCommand(print: (line: string) => void): Command {
  return addActorOptions(
    new Command('export')
      .description(
        "export the reconciliation, an organisation's value or the system flows as CSV (one row per figure, with its /trace reference) or JSON; the read models are brought up to date first",
      )
      .addArgument(new Argument('<report>', 'which query').choices([...EXPORT_REPORTS]))
      .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).default('csv'))
      .option('--organisation-id <id>', 'reconciliation, organisation-value: the organisation')
      .option('--financial-year <year>', 'the financial year, e.g. 2019/20 (required for reconciliation)')
      .option('--as-at <timestamp>', 'answer as known at this instant, e.g. 2020-03-31T23:59:59Z')
      .option('--out <file>', 'write to this file instead of standard output'),
  ).action(async (report: ExportReport, options: ExportOptions) => {
    if (report === 'register') return exportRegisterFile(options, print); // the benefits register (docs/benefits-register.md)
    const request = exportRequest(report, options);
    if (options.asAt !== undefined && !isInstant(options.asAt))
      throw new Error(`--as-at must be ${INSTANT_RULE}, got '${String(options.asAt)}'`);
    const query = valueQueryOptions(options);
    const config = loadConfig();
    const actor = await actorFrom(options, config);
    const core = await openCore(config, 'live');
    try {
      let answer: unknown;
      let table: Table;
      if (request.report === 'reconciliation') {
        answer = await core.queries.execute(
          new GetReconciliationQuery(request.organisationId, request.financialYear, actor, query.asAt),
        );
        table = reconciliationTable(answer as Parameters<typeof reconciliationTable>[0]);
      } else if (request.report === 'organisation-value') {
        answer = await core.queries.execute(new GetOrganisationValueQuery(request.organisationId, query));
        table = organisationValueTable(answer as Parameters<typeof organisationValueTable>[0]);
      } else {
        answer = await core.queries.execute(new GetSystemFlowsQuery(query));
        table = systemFlowsTable(answer as Parameters<typeof systemFlowsTable>[0]);
      }
      const text =
        options.format === 'json'
          ? `${JSON.stringify(answer, null, 2)}\n`
          : stringify(table.rows, { header: true, columns: table.columns });
      if (options.out) {
        writeFileSync(options.out, text);
        print(`wrote ${options.format === 'json' ? 'the answer' : `${table.rows.length} rows`} to ${options.out}`);
      } else {
        process.stdout.write(text);
      }
    } finally {
      await core.context.close();
    }
  });
}
