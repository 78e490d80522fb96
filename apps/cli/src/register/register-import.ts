import { randomUUID } from 'node:crypto';
import { ClassConstructor } from 'class-transformer';
import {
  CommandContext,
  ForbiddenError,
  ImportPlan,
  InterventionCommandMessage,
  PlannedImportCommand,
} from '@benefit-ledger/application';
import { Actor, DomainError, InterventionCommand, Role, interventionStreamId } from '@benefit-ledger/domain';
import {
  plainSource,
  validatePlain,
  ClaimBenefitDto,
  RejectBenefitDto,
  ValidateBenefitDto,
  RegisterInterventionDto,
  claimBenefitCommand,
  registerInterventionCommand,
  RecordBenefitActualDto,
} from '@benefit-ledger/contracts';
import { Core } from '../application-context';
import { CsvRow, readCsv } from '../import/csv-file';
import { INTERVENTION_KINDS } from '../import/intervention-kinds';
import { CellProblem, capacityCommands, costCommands } from './register-capacity';
import { REGISTER_COLUMNS } from './register-columns';
import { cellsOnlyOnce, referencesAccepting } from './register-file-checks';
import { planOrganisations } from './register-organisations';

/** What is wrong with one row, by column; every failing field of a row is named, not only the first. */
export interface RegisterProblem {
  line: number;
  column: string;
  reason: string;
}
export type RegisterImportOutcome =
  | { status: 'refused'; rows: number; problems: RegisterProblem[] }
  | { status: 'imported' | 'checked'; rows: number; events: number; streams: number; toAppend: number };

/** DTO field paths (their first parts) -> the register file's columns. */
const COLUMN_BY_FIELD: [RegExp, string][] = [
  [/^lenses\.(economic|social|strategic)$/, '$1'],
  [/^lenses$/, 'economic'],
  [/^quantity\.value$/, 'quantityValue'],
  [/^quantity(\.unit)?$/, 'quantityUnit'],
  [/^valuation\.method$|^valuation$/, 'valuationMethod'],
  [/^valuation\.unitValuePence$/, 'unitValuePence'],
  [/^source\.system$|^source$/, 'sourceSystem'],
  [/^source\.reference$/, 'sourceReference'],
  [/^source\.extractedOn$/, 'sourceExtractedOn'],
  [/^profile\.followingYears/, 'profileFollowingYears'],
  [/^profile\.discounting\.schedule$/, 'discountSchedule'],
  [/^profile\.discounting(\.optimismBiasBasisPoints)?$|^profile$/, 'optimismBiasBasisPoints'],
  [/^register\.owner\.organisationId$/, 'ownerOrganisationId'],
  [/^register\.owner/, 'ownerRole'],
  [/^register\.measure\.unit$/, 'measureUnit'],
  [/^register\.measure/, 'measureSeries'],
  [/^register\.baseline\.date$/, 'baselineDate'],
  [/^register\.baseline/, 'baselineValue'],
  [/^register\.target\.date$/, 'targetDate'],
  [/^register\.target/, 'targetValue'],
  [/^register\.timing\.durationYears$/, 'timingDurationYears'],
  [/^register\.timing/, 'timingFirstYear'],
  [/^register\.dependencies/, 'dependencies'],
  [/^register\.risks/, 'risks'],
];
const columnOf = (field: string | undefined, fallback: string): string => {
  if (!field) return fallback;
  for (const [pattern, column] of COLUMN_BY_FIELD)
    if (pattern.test(field)) return field.replace(/\[\d+\].*$/, '').replace(pattern, column);
  return REGISTER_COLUMNS.some((c) => c.name === field) ? field : fallback;
};

/** A JSON list cell: the items, or a problem naming the column. */
function jsonList(row: CsvRow, column: string, problems: RegisterProblem[]): unknown[] | undefined {
  const cell = row.cells[column];
  if (cell === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(String(cell));
    if (Array.isArray(value)) return value as unknown[];
  } catch {
    /* named below */
  }
  problems.push({ line: row.line, column, reason: `${column} must be a JSON array, as the export writes it` });
  return undefined;
}

/** Given only when one of its cells is: a register field made of two cells. */
const pair = <T extends object>(
  cells: CsvRow['cells'],
  firstColumn: string,
  secondColumn: string,
  make: () => T,
): T | undefined => (cells[firstColumn] !== undefined || cells[secondColumn] !== undefined ? make() : undefined);

function claimBody(row: CsvRow, problems: RegisterProblem[]): Record<string, unknown> {
  const cells = row.cells;
  const followingYears = jsonList(row, 'profileFollowingYears', problems);
  const dependencies = jsonList(row, 'dependencies', problems);
  const risks = jsonList(row, 'risks', problems);
  const register = {
    owner: pair(cells, 'ownerRole', 'ownerOrganisationId', () => ({
      role: cells.ownerRole,
      organisationId: cells.ownerOrganisationId,
    })),
    measure: pair(cells, 'measureSeries', 'measureUnit', () => ({
      series: cells.measureSeries,
      unit: cells.measureUnit,
    })),
    baseline: pair(cells, 'baselineValue', 'baselineDate', () => ({
      value: cells.baselineValue,
      date: cells.baselineDate,
    })),
    target: pair(cells, 'targetValue', 'targetDate', () => ({ value: cells.targetValue, date: cells.targetDate })),
    timing: pair(cells, 'timingFirstYear', 'timingDurationYears', () => ({
      firstYear: cells.timingFirstYear,
      durationYears: cells.timingDurationYears,
    })),
    dependencies,
    risks,
  };
  const profiled =
    followingYears !== undefined || cells.discountSchedule !== undefined || cells.optimismBiasBasisPoints !== undefined;
  return {
    benefitId: cells.benefitId,
    benefitType: cells.benefitType,
    lens: cells.lens,
    description: cells.description,
    quantity: { value: cells.quantityValue, unit: cells.quantityUnit },
    valuation: { method: cells.valuationMethod, unitValuePence: cells.unitValuePence },
    valuePence: cells.valuePence,
    recurrence: cells.recurrence,
    financialYear: cells.financialYear,
    landingOrganisationId: cells.landingOrganisationId,
    evidence: [],
    source: { system: cells.sourceSystem, reference: cells.sourceReference, extractedOn: cells.sourceExtractedOn },
    profile: profiled
      ? {
          followingYears,
          discounting: { schedule: cells.discountSchedule, optimismBiasBasisPoints: cells.optimismBiasBasisPoints },
        }
      : undefined,
    register: Object.values(register).some((v) => v !== undefined) ? register : undefined,
  };
}

/** A command of a row, with who records it and (for one carried in a JSON cell) the cell's column. */
interface RowCommand {
  command: InterventionCommand;
  role: Role;
  organisationId: string;
  register: boolean;
  column?: string;
}

/** One row's commands, each with who records it; or its problems (every field at fault, across all its parts). */
function commandsOf(row: CsvRow): {
  commands: RowCommand[];
  problems: RegisterProblem[];
} {
  const cells = row.cells;
  const problems: RegisterProblem[] = [];
  const check = <T extends object>(
    dto: ClassConstructor<T>,
    body: unknown,
    fallback: string,
    prefix = '',
  ): T | null => {
    const validated = validatePlain(dto as new () => T, body);
    if ('value' in validated) return validated.value;
    for (const fieldError of validated.errors)
      for (const message of fieldError.messages)
        problems.push({ line: row.line, column: columnOf(prefix + fieldError.field, fallback), reason: message });
    return null;
  };
  // the same body as the interventions import makes of the same columns
  const intervention = check(RegisterInterventionDto, INTERVENTION_KINDS.interventions.body(cells), 'interventionId');
  const claim = check(ClaimBenefitDto, claimBody(row, problems), 'benefitId');
  const status = cells.status;
  if (status !== 'claimed' && status !== 'validated' && status !== 'rejected')
    problems.push({ line: row.line, column: 'status', reason: 'status must be claimed, validated or rejected' });
  const validation =
    status === 'validated'
      ? check(
          ValidateBenefitDto,
          {
            validatedValuePence: cells.validatedValuePence,
            note: cells.decisionNote ?? '',
            validatedQuantity: cells.validatedQuantity,
            source: {
              system: cells.validationSourceSystem,
              reference: cells.validationSourceReference,
              extractedOn: cells.validationSourceExtractedOn,
            },
          },
          'validatedValuePence',
          'validation.',
        )
      : null;
  const rejection =
    status === 'rejected' ? check(RejectBenefitDto, { reason: cells.decisionNote }, 'decisionNote') : null;
  const actuals = (jsonList(row, 'actuals', problems) ?? [])
    .map((actual) => {
      const item = (actual ?? {}) as Record<string, unknown>;
      return check(
        RecordBenefitActualDto,
        { ...item, quantity: { value: item.quantity, unit: cells.quantityUnit } },
        'actuals',
      );
    })
    .filter((a): a is RecordBenefitActualDto => a !== null);
  // costs and capacity are checked here too, so a row's every failing field is named at once
  const cellProblems: CellProblem[] = [];
  const lead = String(cells.leadOrganisationId ?? '');
  const benefitId = String(cells.benefitId);
  const costs = costCommands(jsonList(row, 'interventionCosts', problems) ?? [], lead, cellProblems);
  const capacity = capacityCommands(jsonList(row, 'capacityReleases', problems) ?? [], benefitId, lead, cellProblems);
  problems.push(...cellProblems.map((p) => ({ line: row.line, ...p })));
  if (problems.length || !intervention || !claim) return { commands: [], problems };
  const landing = claim.landingOrganisationId;
  const commands: RowCommand[] = [
    {
      command: registerInterventionCommand(intervention, String(cells.interventionId)),
      role: 'contributor',
      organisationId: lead,
      register: true,
    },
    ...costs.map((cost) => ({ ...cost, register: false })),
    { command: claimBenefitCommand(claim, benefitId), role: 'contributor', organisationId: lead, register: false },
  ];
  if (validation)
    commands.push({
      command: {
        type: 'ValidateBenefit',
        benefitId,
        validatedValuePence: validation.validatedValuePence,
        note: validation.note,
        validatedQuantity: validation.validatedQuantity ?? null,
        source: plainSource(validation.source),
      },
      role: 'finance',
      organisationId: landing,
      register: false,
    });
  if (rejection)
    commands.push({
      command: { type: 'RejectBenefit', benefitId, reason: rejection.reason },
      role: 'finance',
      organisationId: landing,
      register: false,
    });
  for (const actual of actuals) {
    commands.push({
      command: {
        type: 'RecordBenefitActual',
        benefitId,
        financialYear: actual.financialYear,
        valuePence: actual.valuePence,
        quantity: { value: actual.quantity.value, unit: actual.quantity.unit },
        source: plainSource(actual.source),
      },
      role: 'finance',
      organisationId: landing,
      register: false,
    });
  }
  commands.push(...capacity.map((command) => ({ ...command, register: false })));
  return { commands, problems };
}

/**
 * The rows in an order where a benefit another row depends on (same intervention) is claimed first, as the claim's
 * dependency check needs; otherwise file order. A cycle is left in file order (the check then names it).
 */
function inDependencyOrder(rows: CsvRow[]): CsvRow[] {
  const keyOf = (row: CsvRow) => `${String(row.cells.interventionId)}\u0000${String(row.cells.benefitId)}`;
  const inFile = new Set(rows.map(keyOf));
  const needs = (row: CsvRow): string[] => {
    try {
      const list = JSON.parse(String(row.cells.dependencies ?? '[]')) as ({
        interventionId?: unknown;
        benefitId?: unknown;
      } | null)[];
      return (Array.isArray(list) ? list : [])
        .map((d) => `${String(d?.interventionId)}\u0000${String(d?.benefitId)}`)
        .filter((k) => inFile.has(k) && k !== keyOf(row));
    } catch {
      return [];
    }
  };
  const ordered: CsvRow[] = [];
  const done = new Set<string>();
  let pending = [...rows];
  while (pending.length) {
    const ready = pending.filter((row) => needs(row).every((k) => done.has(k)));
    const next = ready.length ? ready : pending; // a cycle: the rest in file order
    for (const row of next) {
      ordered.push(row);
      done.add(keyOf(row));
    }
    pending = pending.filter((row) => !next.includes(row));
  }
  return ordered;
}

/**
 * Imports a register file, all or nothing, through the same DTOs, access rules, reference checks and deciders as the
 * API. A migration of a whole tracker needs several roles (contributors claim, finance validates and records actuals),
 * so it is an administrator's: each command is recorded as the importing administrator acting in the role and for
 * the organisation its rule names (the lead's contributor, the landing organisation's finance).
 */
export async function importRegister(
  core: Core,
  file: string,
  importer: Actor,
  dryRun = false,
): Promise<RegisterImportOutcome> {
  if (importer.role !== 'admin')
    throw new Error(
      `importing a register records claims, validations and actuals for several organisations: it is an admin's (got role '${importer.role}')`,
    );
  const rows = readCsv(file, REGISTER_COLUMNS);
  // through the command bus: the whole import holds the period gate, as every write that changes a year's figures
  const check = async (plan: ImportPlan): Promise<RegisterProblem[]> => {
    const runId = `register-import-${randomUUID()}`;
    const now = new Date();
    const problems: RegisterProblem[] = [...cellsOnlyOnce(rows)];
    const registered = new Set<string>();
    const firstRow = rows.at(0);
    const organisationProblems: CellProblem[] = [];
    const fileOrganisations = firstRow
      ? await planOrganisations(
          plan,
          jsonList(firstRow, 'organisations', problems) ?? [],
          {
            actor: importer,
            now,
            newId: randomUUID,
            correlationId: runId,
            causationId: `${runId}:line-${firstRow.line}`,
          },
          organisationProblems,
        )
      : new Set<string>();
    problems.push(...organisationProblems.map((p) => ({ line: firstRow?.line ?? 0, ...p })));
    const references = referencesAccepting(core, plan, fileOrganisations);
    for (const row of inDependencyOrder(rows)) {
      const { commands, problems: rowProblems } = commandsOf(row);
      problems.push(...rowProblems);
      for (const { command, role, organisationId, register, column: inCell } of commands) {
        const interventionId = String(row.cells.interventionId);
        if (
          register &&
          (registered.has(interventionId) || (await plan.history(interventionStreamId(interventionId))).length > 0)
        )
          continue;
        if (register) registered.add(interventionId);
        const actor: Actor = { userId: importer.userId, role, organisationId };
        const context: CommandContext = {
          actor,
          now,
          newId: randomUUID,
          correlationId: runId,
          causationId: `${runId}:line-${row.line}`,
        };
        try {
          await plan.addMessage(new InterventionCommandMessage(interventionId, command, context), {
            checkReferences: () => references(interventionId, command),
          });
        } catch (error) {
          // an actual's fields are inside the actuals cell; the others name their own columns
          const column =
            command.type === 'RecordBenefitActual'
              ? 'actuals'
              : (inCell ??
                columnOf(
                  error instanceof DomainError ? error.field : undefined,
                  command.type === 'RegisterIntervention' ? 'interventionId' : 'benefitId',
                ));
          if (error instanceof DomainError)
            problems.push({ line: row.line, column, reason: `${error.message} (${error.rule})` });
          else if (error instanceof ForbiddenError)
            problems.push({ line: row.line, column, reason: `refused: ${error.reason}` });
          else throw error;
          break; // the row's later commands depend on this one
        }
      }
    }
    return problems;
  };
  const {
    checked: problems,
    toAppend,
    committed,
  } = await core.commands.execute(new PlannedImportCommand(check, (found) => found.length === 0, { dryRun }));
  if (problems.length)
    return { status: 'refused', rows: rows.length, problems: problems.sort((a, b) => a.line - b.line) };
  if (!committed)
    return { status: dryRun ? 'checked' : 'imported', rows: rows.length, events: 0, streams: 0, toAppend };
  return { status: 'imported', rows: rows.length, toAppend, ...committed };
}
