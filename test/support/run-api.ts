import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const API = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');
const environment = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env });

/** Runs the compiled API (built by `npm test`'s pretest) expecting it to refuse to start: its exit status and output. */
export function runApiExpectingRefusal(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [API], { env: environment(env), encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined };
}

/** The compiled API running as its own process, as `npm start` runs it. */
export class RunningApi {
  private stderr = '';
  readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.stdout?.resume();
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(env: Record<string, string>): RunningApi {
    return new RunningApi(
      spawn(process.execPath, [API], { env: environment({ PORT: '0', ...env }), stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Waits until `ready()` holds (polled), failing with the API's stderr if it exits or takes longer than `ms`. */
  async waitFor(ready: () => boolean, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ready()) {
      if (this.child.exitCode !== null) throw new Error(`the API exited with ${this.child.exitCode}: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`the API was not ready after ${ms} ms: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** SIGTERM (a clean stop) or SIGKILL (a crash: nothing of its own runs), then waits for it to be gone. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}
