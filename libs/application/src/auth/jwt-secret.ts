import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';

export const jwtSecretFile = (dataDir: string) => join(dataDir, 'jwt-secret');

/**
 * JWT_SECRET if set. On the embedded store without it, a secret is generated once into
 * DATA_DIR/jwt-secret (mode 0600) so the API and the CLI's `token` agree with no set-up.
 * With EventStoreDB the secret must be given: replicas have to share it.
 */
export function resolveJwtSecret(config: AppConfig): { secret: string; source: 'env' | 'file' | 'generated' } {
  if (config.jwtSecret) return { secret: config.jwtSecret, source: 'env' };
  if (config.eventStoreConnectionString) {
    throw new Error(
      'JWT_SECRET must be set when EVENTSTORE_CONNECTION_STRING is set (every API replica needs the same secret)',
    );
  }
  const file = jwtSecretFile(config.dataDir);
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), source: 'file' };
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return { secret, source: 'generated' };
}
