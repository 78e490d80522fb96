import { randomUUID } from 'node:crypto';
import {
  CommandContext,
  FinanceReportCommandMessage,
  ForbiddenError,
  ImportPlan,
  InterventionCommandMessage,
  PlannedImportCommand,
} from '@benefit-ledger/application';
import { Actor, DomainError, InterventionCommand, isId } from '@benefit-ledger/domain';
import { parseWasteReductionReport, FieldError, validatePlain } from '@benefit-ledger/contracts';
import { Core } from '../application-context';
import { Column, CsvRow, readCsv } from './csv-file';
import { firstDifference, valueAt } from './first-difference';
import { INTERVENTION_KINDS, InterventionRowKind, columnOf } from './intervention-kinds';
import { REPORT_LINE_COLUMNS, REPORT_OPTIONS, ReportHeader } from './report-lines-kind';

export const IMPORT_KINDS = ['interventions', 'costs', 'benefits', 'report-lines'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What is wrong with one row (or, with no line, the file or an option), in words. */
export interface Problem {
  line: number | null;
  column: string;
  reason: string;
}

export interface Progress {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}
export const NO_PROGRESS: Progress = { start: () => undefined, update: () => undefined, stop: () => undefined };

export type ImportOutcome =
  | { status: 'refused'; rows: number; problems: Problem[] }
  | {
      status: 'checked' | 'imported';
      rows: number;
      skipped: number;
      toAppend: number;
      events: number;
      streams: number;
    };

export interface ImportRequest {
  kind: ImportKind;
  file: string;
  actor: Actor;
  /** Validate everything and append nothing. */
  dryRun?: boolean;
  /** The report's header, for report-lines. */
  report?: ReportHeader;
}

/** The columns of each kind's file, for --help and the README. */
export const columnsOf = (kind: ImportKind): Column[] =>
  kind === 'report-lines' ? REPORT_LINE_COLUMNS : INTERVENTION_KINDS[kind].columns;

/**
 * Imports a CSV file through the same DTOs, access checks, reference checks and deciders as the HTTP API:
 * every row is validated first, in file order, each deciding on the ledger as it stands plus the rows before it;
 * if any row is bad, nothing is appended and every bad row is reported. A row whose entity is already recorded
 * with the same content is skipped, so importing a file again appends nothing.
 */
export async function importCsv(
  core: Core,
  request: ImportRequest,
  progress: Progress = NO_PROGRESS,
): Promise<ImportOutcome> {
  const rows = readCsv(request.file, columnsOf(request.kind));
  const runId = `import-${randomUUID()}`;
  const now = new Date();
  const contextFor = (cause: string): CommandContext => ({
    actor: request.actor,
    now,
    newId: randomUUID,
    correlationId: runId,
    causationId: `${runId}:${cause}`,
  });
  const check = async (plan: ImportPlan) => {
    progress.start(rows.length, 'validate');
    try {
      return request.kind === 'report-lines'
        ? await checkReport(plan, rows, request.report ?? {}, contextFor)
        : await checkRows(plan, INTERVENTION_KINDS[request.kind], rows, contextFor, progress);
    } finally {
      progress.stop();
    }
  };
  // through the command bus: the whole import holds the period gate, as every write that changes a year's figures
  const { checked, toAppend, committed } = await core.commands.execute(
    new PlannedImportCommand(check, (outcome) => outcome.problems.length === 0, {
      dryRun: request.dryRun,
      progress: {
        start: (total) => progress.start(total, 'append'),
        update: (done) => progress.update(done),
        stop: () => progress.stop(),
      },
    }),
  );
  if (checked.problems.length)
    return {
      status: 'refused',
      rows: rows.length,
      problems: checked.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    };
  return {
    status: request.dryRun ? 'checked' : 'imported',
    rows: rows.length,
    skipped: checked.skipped,
    toAppend,
    events: committed?.events ?? 0,
    streams: committed?.streams ?? 0,
  };
}

/** Rewrites a DTO message about a field into one about its column (`source.system must…` -> `sourceSystem must…`). */
function reasonFor(fieldError: FieldError, message: string, column: string, row: CsvRow | null): string {
  if (/should not be null or undefined/.test(message))
    return row?.empty.has(column) ? `${column} is empty; it is required` : `${column} is required`;
  return message.startsWith(`${fieldError.field} `) ? `${column}${message.slice(fieldError.field.length)}` : message;
}

/** A refusal from the application core as a problem; anything else is not the row's fault and is thrown. */
function problemOf(
  error: unknown,
  line: number | null,
  column: (field: string | undefined) => string,
  accessColumn: string,
): Problem {
  if (error instanceof DomainError)
    return { line, column: column(error.field), reason: `${error.message} (${error.rule})` };
  if (error instanceof ForbiddenError) return { line, column: accessColumn, reason: `refused: ${error.reason}` };
  throw error;
}

async function checkRows(
  plan: ImportPlan,
  kind: InterventionRowKind,
  rows: CsvRow[],
  contextFor: (cause: string) => CommandContext,
  progress: Progress,
): Promise<{ problems: Problem[]; skipped: number }> {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const recordedByStream = new Map<string, Map<unknown, Record<string, unknown>>>();
  let skipped = 0;
  for (const [index, row] of rows.entries()) {
    progress.update(index);
    const cells = row.cells;
    const add = (column: string, reason: string) => problems.push({ line: row.line, column, reason });
    if (!isId(cells.interventionId)) {
      add(
        'interventionId',
        row.empty.has('interventionId')
          ? 'interventionId is empty; it is required'
          : 'interventionId must be an id: letters, digits and . _ : - (at most 100, starting with a letter or digit)',
      );
      continue;
    }
    const validated = validatePlain(kind.dto, kind.body(cells));
    if ('errors' in validated) {
      for (const fieldError of validated.errors)
        for (const message of fieldError.messages)
          add(columnOf(kind, fieldError.field), reasonFor(fieldError, message, columnOf(kind, fieldError.field), row));
      continue;
    }
    if (row.empty.has(kind.idColumn)) {
      add(
        kind.idColumn,
        `${kind.idColumn} is empty; it is required (it is the row's identity, so that importing the file again appends nothing)`,
      );
      continue;
    }
    const identity = `${cells.interventionId}\u0000${String(cells[kind.idColumn])}`;
    if (seen.has(identity)) {
      add(
        kind.idColumn,
        `${kind.describe(cells)} is already on line ${seen.get(identity)}: each row records a different one`,
      );
      continue;
    }
    seen.set(identity, row.line);
    const command = kind.command(validated.value, cells);
    const message = new InterventionCommandMessage(cells.interventionId, command, contextFor(`line-${row.line}`));
    const streamId = plan.streamIdOf(message);
    let recordedInStream = recordedByStream.get(streamId);
    if (!recordedInStream) {
      recordedInStream = kind.recordedIn(await plan.history(streamId));
      recordedByStream.set(streamId, recordedInStream);
    }
    const recorded = recordedInStream.get(cells[kind.idColumn]);
    if (recorded) {
      const given = comparable(command);
      const differs = firstDifference(given, recorded);
      // a row already recorded is skipped only for someone who could have recorded it
      const refusal = await plan.refusalOf(message);
      if (refusal) {
        add(kind.accessColumn, `refused: ${refusal}`);
        continue;
      }
      if (differs === null) {
        skipped += 1;
        continue;
      }
      add(
        columnOf(kind, differs),
        `${kind.describe(cells)} is already recorded with ${differs} ${JSON.stringify(valueAt(recorded, differs))}, but this row says ${JSON.stringify(valueAt(given, differs))}: a recorded entry is corrected by its own command, not by importing it again`,
      );
      continue;
    }
    try {
      await plan.addMessage(message);
    } catch (error) {
      problems.push(problemOf(error, row.line, (field) => columnOf(kind, field), kind.accessColumn));
    }
  }
  return { problems, skipped };
}

/** A command as the ledger records it, for comparing with what is recorded: what the system computes is left out. */
function comparable(command: InterventionCommand): Record<string, unknown> {
  const {
    type: _type,
    unitCost: _unitCost,
    profile: _profile,
    ...rest
  } = command as InterventionCommand & { unitCost?: unknown; profile?: unknown };
  const data: Record<string, unknown> = rest;
  if (data.valuePence === null) delete data.valuePence; // computed from the catalogue
  return data;
}

/**
 * report-lines: the whole file is one report (one organisation and year), its header given by options; validated
 * as one POST /finance/reports body. A file the ledger already holds as the current version is skipped; a
 * different one is recorded as the report's next version.
 */
async function checkReport(
  plan: ImportPlan,
  rows: CsvRow[],
  header: ReportHeader,
  contextFor: (cause: string) => CommandContext,
): Promise<{ problems: Problem[]; skipped: number }> {
  const problems: Problem[] = [];
  const first = rows[0].cells;
  const seen = new Map<unknown, number>();
  for (const row of rows) {
    const add = (column: string, reason: string) => problems.push({ line: row.line, column, reason });
    for (const column of ['organisationId', 'financialYear'] as const) {
      if (row.cells[column] !== first[column])
        add(
          column,
          `${column} '${String(row.cells[column] ?? '')}' differs from the first row's '${String(first[column])}': a file holds one report`,
        );
    }
    if (row.empty.has('lineId')) continue; // the DTO names it
    if (seen.has(row.cells.lineId))
      add(
        'lineId',
        `line id '${String(row.cells.lineId)}' is already on line ${seen.get(row.cells.lineId)}: line ids are unique within a report`,
      );
    else seen.set(row.cells.lineId, row.line);
  }
  const option = (field: string): string | null => REPORT_OPTIONS[field] ?? null;
  // the row too (null for the header's options or the whole file), for whether its cell was empty
  const byField = (field: string | undefined): { row: CsvRow | null; column: string } => {
    const lineField = /^lines\[(\d+)\]\.(\w+)$/.exec(field ?? '');
    if (lineField) return { row: rows[Number(lineField[1])], column: lineField[2] };
    const optionColumn = field ? option(field) : null;
    if (optionColumn) return { row: null, column: optionColumn };
    if (field === 'organisationId' || field === 'financialYear') return { row: rows[0], column: field };
    return { row: null, column: field ?? 'lines' };
  };
  const totalPence =
    header.total === undefined ? undefined : /^\d+$/.test(header.total) ? Number(header.total) : header.total;
  if (totalPence === undefined)
    problems.push({
      line: null,
      column: '--total',
      reason: "--total is required: the report's total in pence, which the lines must add up to",
    });
  const body = {
    organisationId: first.organisationId,
    financialYear: first.financialYear,
    totalPence,
    lines: rows.map(({ cells }) => ({
      lineId: cells.lineId,
      description: cells.description,
      amountPence: cells.amountPence,
      cashReleasing: cells.cashReleasing,
      recurrent: cells.recurrent,
    })),
    source: { system: header.sourceSystem, reference: header.sourceReference, extractedOn: header.sourceExtractedOn },
  };
  const parsed = parseWasteReductionReport(body);
  if ('errors' in parsed) {
    for (const fieldError of parsed.errors) {
      const { row, column } = byField(fieldError.field);
      if (column === '--total' && totalPence === undefined) continue;
      for (const message of fieldError.messages)
        problems.push({ line: row?.line ?? null, column, reason: reasonFor(fieldError, message, column, row) });
    }
  }
  if (problems.length || 'errors' in parsed) return { problems, skipped: 0 };
  const { command } = parsed;
  try {
    await plan.addMessage(
      new FinanceReportCommandMessage(command.organisationId, command.financialYear, command, contextFor('report')),
    );
  } catch (error) {
    if (error instanceof DomainError && error.rule === 'report-unchanged') return { problems, skipped: rows.length };
    const at = error instanceof DomainError ? byField(error.field) : { row: rows[0], column: 'organisationId' };
    problems.push(problemOf(error, at.row?.line ?? null, () => at.column, 'organisationId'));
  }
  return { problems, skipped: 0 };
}
