import { resolve } from 'node:path';

/** Configuration, from the environment (README "Configuration"). */
export interface AppConfig {
  port: number;
  dataDir: string;
  /** Set explicitly; otherwise resolved by resolveJwtSecret. */
  jwtSecret?: string;
  eventStoreConnectionString?: string;
  /** Largest JSON body accepted, in bytes. */
  bodyLimitBytes: number;
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
  };
}
