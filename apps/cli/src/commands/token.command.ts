import { Command, Option } from 'commander';
import { loadConfig, mintToken, resolveJwtSecret } from '@benefit-ledger/application';
import { ROLES, Role } from '@benefit-ledger/domain';

export function tokenCommand(print: (line: string) => void): Command {
  return new Command('token')
    .description('mint a bearer token (HS256, signed with JWT_SECRET or the secret kept in DATA_DIR)')
    .requiredOption('--sub <subject>', 'who the token is for, e.g. an email address')
    .addOption(new Option('--role <role>', 'what they may do').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--organisation <organisationId>', 'the organisation they act for')
    .option('--expires-in <duration>', 'lifetime, e.g. 8h, 30m, 7d', '12h')
    .action(async (options: { sub: string; role: Role; organisation: string; expiresIn: string }) => {
      const { secret } = resolveJwtSecret(loadConfig());
      print(await mintToken(secret, { sub: options.sub, role: options.role, organisationId: options.organisation }, options.expiresIn));
    });
}
