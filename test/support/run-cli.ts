import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

/** Runs the compiled CLI (built by `npm test`'s pretest) as a user would, with its own environment (and working directory). */
export function runCli(args: string[], env: Record<string, string>, options: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
    cwd: options.cwd,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
