import { CommandPlan, OrganisationDirectory, RegisterDependencyCheck } from '@benefit-ledger/application';
import {
  BenefitDependency,
  InterventionCommand,
  interventionStreamId,
  organisationReferences,
  registerOwnerReferences,
} from '@benefit-ledger/domain';
import { Core } from '../application-context';
import { CsvRow } from '../import/csv-file';

/**
 * The cells the file carries once: an intervention's costs on one of its rows, the organisations on the first row.
 * A second one would be ambiguous (which is the tracker's?), so it is refused, naming its row and column.
 */
export function cellsOnlyOnce(rows: readonly CsvRow[]): { line: number; column: string; reason: string }[] {
  const problems: { line: number; column: string; reason: string }[] = [];
  const costsOn = new Map<string, number>();
  rows.forEach((row, index) => {
    const interventionId = String(row.cells.interventionId ?? '');
    if (row.cells.interventionCosts !== undefined) {
      const first = costsOn.get(interventionId);
      if (first === undefined) costsOn.set(interventionId, row.line);
      else
        problems.push({
          line: row.line,
          column: 'interventionCosts',
          reason: `intervention '${interventionId}' has its costs on line ${first} already: an intervention's costs go on its first row only (costs-once)`,
        });
    }
    if (index > 0 && row.cells.organisations !== undefined)
      problems.push({
        line: row.line,
        column: 'organisations',
        reason: 'the organisations go on the first row of the file only (organisations-once)',
      });
  });
  return problems;
}

/**
 * The reference checks of an intervention command as the API runs them, except that what the file itself records
 * (planned, not yet stored) counts as there: an organisation it registers, a benefit of another intervention it
 * claims. Both are appended with the rows, or nothing is.
 */
export function referencesAccepting(
  core: Core,
  plan: CommandPlan,
  planned: ReadonlySet<string>,
): (interventionId: string, command: InterventionCommand) => Promise<void> {
  const organisations = core.context.get(OrganisationDirectory);
  const dependencies = core.context.get(RegisterDependencyCheck);
  const claimedInPlan = (dependency: BenefitDependency): boolean =>
    plan.pendingStreams.some(
      (stream) =>
        stream.streamId === interventionStreamId(dependency.interventionId) &&
        (dependency.benefitId === null ||
          stream.events.some((e) => e.type === 'BenefitClaimed' && e.data.benefitId === dependency.benefitId)),
    );
  return async (interventionId, command) => {
    for (const { field, organisationId } of [...organisationReferences(command), ...registerOwnerReferences(command)]) {
      if (!planned.has(organisationId)) await organisations.requireRegistered(field, organisationId);
    }
    if ((command.type === 'ClaimBenefit' || command.type === 'ReviseBenefit') && command.register?.dependencies) {
      const register = {
        ...command.register,
        dependencies: command.register.dependencies.filter((d) => !claimedInPlan(d)),
      };
      await dependencies.requireExisting(interventionId, { ...command, register });
    } else await dependencies.requireExisting(interventionId, command);
  };
}
