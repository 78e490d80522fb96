import { Command, Option } from 'commander';
import {
  DEFAULT_TOKEN_LIFETIME,
  loadConfig,
  mintToken,
  resolveJwtSecret,
  tokenLifetimeSeconds,
} from '@benefit-ledger/application';
import { ROLES, Role } from '@benefit-ledger/domain';
import { signInLink } from './sign-in-link';

/** The token alone on stdout (for `$(…)`); the sign-in link on stderr, for a person at a terminal. */
export function tokenCommand(print: (line: string) => void, printNote: (line: string) => void): Command {
  return new Command('token')
    .description(
      'mint a bearer token (HS256, signed with JWT_SECRET or the secret kept in DATA_DIR), living at most TOKEN_MAX_LIFETIME_HOURS (24 by default)',
    )
    .requiredOption('--sub <subject>', 'who the token is for, e.g. an email address')
    .addOption(new Option('--role <role>', 'what they may do').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--organisation <organisationId>', 'the organisation they act for')
    .option(
      '--expires-in <duration>',
      `lifetime: a whole number and s, m, h or d, e.g. 30m, 8h, 1d; at most TOKEN_MAX_LIFETIME_HOURS (default: ${DEFAULT_TOKEN_LIFETIME}, or the maximum if shorter)`,
    )
    .action(async (options: { sub: string; role: Role; organisation: string; expiresIn?: string }) => {
      const config = loadConfig();
      const policy = { maxLifetimeHours: config.tokenMaxLifetimeHours };
      try {
        tokenLifetimeSeconds(options.expiresIn, policy);
      } catch (error) {
        throw new Error(`--expires-in: ${(error as Error).message}`, { cause: error });
      }
      const { secret } = resolveJwtSecret(config);
      const token = await mintToken(
        secret,
        { sub: options.sub, role: options.role, organisationId: options.organisation },
        { ...policy, expiresIn: options.expiresIn },
      );
      print(token);
      printNote(`sign in to the web app (npm start): ${signInLink(config.port, token)}`);
    });
}
