import { Command, Option } from 'commander';
import { AppConfig, actorFromToken, resolveJwtSecret } from '@benefit-ledger/application';
import { Actor, ROLES, Role, isId } from '@benefit-ledger/domain';

export interface ActorOptions {
  token?: string;
  sub?: string;
  role?: Role;
  organisation?: string;
}

/** Who the command acts as: a bearer token, or the same claims given directly. */
export function addActorOptions(command: Command): Command {
  return command
    .option('--token <jwt>', 'act as the holder of this bearer token (as minted by `token`)')
    .option('--sub <subject>', 'or: act as this user (with --role and --organisation)')
    .addOption(new Option('--role <role>', 'their role').choices([...ROLES]))
    .option('--organisation <organisationId>', 'the organisation they act for');
}

/**
 * The actor, named on every event the command appends and put through the same access checks as the API.
 * A token is verified with the same secret as the API's; claims given directly need all three of --sub, --role, --organisation.
 */
export async function actorFrom(options: ActorOptions, config: AppConfig): Promise<Actor> {
  const direct = options.sub !== undefined || options.role !== undefined || options.organisation !== undefined;
  if (options.token !== undefined && direct)
    throw new Error('give either --token or --sub/--role/--organisation, not both');
  if (options.token !== undefined)
    return actorFromToken(resolveJwtSecret(config).secret, options.token, {
      maxLifetimeHours: config.tokenMaxLifetimeHours,
    });
  if (!options.sub || !options.role || !options.organisation) {
    throw new Error(
      'say who is acting: --token <jwt>, or --sub <subject> --role <role> --organisation <organisationId>',
    );
  }
  if (!isId(options.organisation)) throw new Error('--organisation must be an organisation id');
  return { userId: options.sub, role: options.role, organisationId: options.organisation };
}
