import { CommandContext, CommandPlan, ForbiddenError } from '@benefit-ledger/application';
import {
  Actor,
  DomainError,
  OrganisationEvent,
  OrganisationRegistered,
  OrganisationType,
  RegisterOrganisation,
  fold,
  invalidReference,
  organisationDecider,
  organisationStreamId,
  refuseOrganisationCommand,
} from '@benefit-ledger/domain';
import { validatePlain, RegisterOrganisationDto } from '@benefit-ledger/contracts';
import { CellProblem } from './register-capacity';

/** One organisation in the organisations cell, as registered. */
export interface OrganisationCell {
  organisationId: string;
  name: string;
  type: OrganisationType;
  system: string | null;
}

/**
 * The organisations cell: every organisation the rows name, with the ICBs those belong to (registering one needs
 * its system first), sorted by id so that the same ledger always writes the same cell.
 */
export function organisationsCell(
  registered: ReadonlyMap<string, OrganisationRegistered['data']>,
  named: Iterable<string>,
): OrganisationCell[] {
  const wanted = new Set<string>();
  const add = (organisationId: string | null | undefined) => {
    if (!organisationId || wanted.has(organisationId)) return;
    wanted.add(organisationId);
    add(registered.get(organisationId)?.system);
  };
  for (const organisationId of named) add(organisationId);
  return [...wanted]
    .sort((a, b) => a.localeCompare(b))
    .flatMap((organisationId) => {
      const organisation = registered.get(organisationId);
      return organisation
        ? [
            {
              organisationId: organisation.organisationId,
              name: organisation.name,
              type: organisation.type,
              system: organisation.system,
            },
          ]
        : [];
    });
}

/**
 * Plans the registration of the cell's organisations the ledger does not hold yet (as the importing admin, through
 * the organisation decider and access rule); one held under another name or type is refused. Answers the ids the
 * plan registers, which the rows' reference checks then accept.
 */
export async function planOrganisations(
  plan: CommandPlan,
  items: unknown[],
  context: CommandContext,
  problems: CellProblem[],
): Promise<Set<string>> {
  const column = 'organisations';
  const valid: RegisterOrganisation[] = [];
  items.forEach((item, index) => {
    // the cell writes "no system" as null, as registered; the API's body leaves it out
    const { system, ...rest } = (item ?? {}) as Record<string, unknown>;
    const validated = validatePlain(RegisterOrganisationDto, system === null ? rest : { ...rest, system });
    if (!('value' in validated)) {
      for (const fieldError of validated.errors)
        for (const message of fieldError.messages)
          problems.push({ column, reason: `[${index}].${fieldError.field}: ${message}` });
      return;
    }
    const organisation = validated.value;
    if (!organisation.organisationId) {
      problems.push({ column, reason: `[${index}].organisationId: organisationId is required in the register file` });
      return;
    }
    valid.push({
      type: 'RegisterOrganisation',
      organisationId: organisation.organisationId,
      name: organisation.name,
      organisationType: organisation.type,
      system: organisation.system ?? null,
    });
  });
  const planned = new Set<string>();
  for (const command of valid) {
    const history = await plan.history(organisationStreamId(command.organisationId));
    const state = fold(organisationDecider, history as unknown as OrganisationEvent[]);
    if (state.registered) {
      if (state.name !== command.name || state.type !== command.organisationType)
        problems.push({
          column,
          reason: `organisation '${command.organisationId}' is registered as '${state.name ?? ''}' (${state.type ?? ''}), the file names it '${command.name}' (${command.organisationType}) (organisation-differs)`,
        });
    } else planned.add(command.organisationId);
  }
  // an ICB first, so that the organisations belonging to it find their system
  const ordered = valid
    .filter((c) => planned.has(c.organisationId))
    .sort((a, b) => Number(b.organisationType === 'icb') - Number(a.organisationType === 'icb'));
  for (const command of ordered) {
    const actor: Actor = context.actor;
    try {
      await plan.add({
        decider: organisationDecider,
        streamId: organisationStreamId(command.organisationId),
        command,
        context,
        refuse: () => refuseOrganisationCommand(actor, command),
        checkReferences: async () => {
          if (
            command.system === null ||
            command.system === command.organisationId ||
            valid.some(
              (candidate) =>
                candidate.organisationId === command.system &&
                candidate.organisationType === 'icb' &&
                planned.has(candidate.organisationId),
            )
          )
            return;
          const events = await plan.history(organisationStreamId(command.system));
          const system = fold(organisationDecider, events as unknown as OrganisationEvent[]);
          if (!system.registered)
            throw invalidReference('system', `system names organisation '${command.system}', which is not registered`);
          if (system.type !== 'icb')
            throw invalidReference(
              'system',
              `system must name an integrated care board; '${command.system}' is ${system.type ?? 'unknown'}`,
            );
        },
      });
    } catch (error) {
      if (error instanceof DomainError)
        problems.push({ column, reason: `${command.organisationId}: ${error.message} (${error.rule})` });
      else if (error instanceof ForbiddenError)
        problems.push({ column, reason: `${command.organisationId}: refused: ${error.reason}` });
      else throw error;
    }
  }
  return planned;
}
