import { resolve } from 'node:path';
import { DEFAULT_TOKEN_MAX_LIFETIME_HOURS, TOKEN_MAX_LIFETIME_HOURS_RANGE } from '../auth/token-lifetime';

/** Configuration, from the environment (README "Configuration"). */
export interface AppConfig {
  port: number;
  dataDir: string;
  /** Set explicitly; otherwise resolved by resolveJwtSecret. */
  jwtSecret?: string;
  eventStoreConnectionString?: string;
  /** Largest JSON body accepted, in bytes. */
  bodyLimitBytes: number;
  /** TOKEN_MAX_LIFETIME_HOURS: the longest a bearer token may live (its exp after iat and after now); 24 when unset. */
  tokenMaxLifetimeHours?: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got '${env.PORT}'`);
  return {
    port,
    dataDir: resolve(env.DATA_DIR || './data'),
    jwtSecret: env.JWT_SECRET || undefined,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    bodyLimitBytes: 64 * 1024,
    tokenMaxLifetimeHours: tokenMaxLifetimeHours(env.TOKEN_MAX_LIFETIME_HOURS),
  };
}

function tokenMaxLifetimeHours(value: string | undefined): number {
  if (!value) return DEFAULT_TOKEN_MAX_LIFETIME_HOURS;
  const { min, max } = TOKEN_MAX_LIFETIME_HOURS_RANGE;
  const hours = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(hours >= min && hours <= max)) throw new Error(`TOKEN_MAX_LIFETIME_HOURS must be a whole number of hours from ${min} to ${max}, got '${value}'`);
  return hours;
}
