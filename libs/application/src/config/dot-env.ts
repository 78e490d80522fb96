import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';

/**
 * The environment with `.env` (in the working directory) underneath, for local use: a variable set in the real
 * environment wins over the file, as with dotenv and @nestjs/config. No file, no change: `.env` is never required.
 * The file is parsed, never loaded into process.env.
 */
export function environmentWithDotEnv(env: NodeJS.ProcessEnv = process.env, file = resolve('.env')): NodeJS.ProcessEnv {
  if (!existsSync(file)) return env;
  return { ...parse(readFileSync(file)), ...env };
}
