import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '@benefit-ledger/application';
import { freePort } from '@benefit-ledger/testing';

/** The compiled API, as `npm start` runs it (this file compiles to dist/apps/bench/src). */
const API_MAIN = join(__dirname, '..', '..', 'api', 'src', 'main.js');

/** USER_HZ: what /proc reports CPU time in (100 on every Linux this runs on). */
const CLOCK_TICKS_PER_SECOND = 100;

export const ICB = 'icb-bench';
export const ACUTE = 'acute-bench';

/**
 * The compiled API in a child process on `dataDir`, with its own JWT secret and the rate limit off (the load
 * generator is one user); everything else as `npm start` has it by default (LOG_LEVEL info, its logs to /dev/null).
 */
export class ApiProcess {
  private stderr = '';
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly secret: string,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(dataDir: string, extraArgs: string[] = []): Promise<ApiProcess> {
    const port = await freePort();
    const secret = randomBytes(32).toString('hex');
    const child = spawn(process.execPath, [...extraArgs, API_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        PORT: String(port),
        JWT_SECRET: secret,
        RATE_LIMIT_PER_MINUTE: '0',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`, secret);
    await api.waitUntilReady();
    return api;
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error('the API process has no pid: it did not start');
    return pid;
  }

  /** CPU seconds (user + system, every thread) the API process has used so far, from /proc (Linux). */
  cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat(5), the 12th and 13th after the command name
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  }

  /** Polls /health/ready (store reachable, read models caught up with the log) until it answers 200. */
  async waitUntilReady(timeoutMs = 15 * 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the API exited with ${this.child.exitCode}: ${this.stderr}`);
      const status = await fetch(`${this.url}/health/ready`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`the API was not ready after ${timeoutMs} ms: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  token(role: string, organisationId: string): Promise<string> {
    return mintToken(this.secret, { sub: `bench-${role}@example.nhs.uk`, role: role as never, organisationId });
  }

  /** POSTs a JSON body; throws unless the answer is 201. */
  async post(path: string, token: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => null);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  }

  /** A clean stop (SIGTERM), waiting for the process to be gone. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}

export const interventionId = (index: number) => `bench-${String(index).padStart(4, '0')}`;

export const costBody = {
  costType: 'direct',
  category: 'improvement team',
  amountPence: 100_000,
  financialYear: '2019/20',
  bearerOrganisationId: ACUTE,
  source: { system: 'PAS', reference: 'bench', extractedOn: '2020-05-01' },
};

/** Through the API: an ICB and an acute trust, and `count` interventions led by the trust. Answers the contributor's token. */
export async function registerInterventions(api: ApiProcess, count: number): Promise<string> {
  const admin = await api.token('admin', ICB);
  await api.post('/organisations', admin, { organisationId: ICB, name: 'Bench ICB', type: 'icb', system: ICB });
  await api.post('/organisations', admin, {
    organisationId: ACUTE,
    name: 'Bench acute trust',
    type: 'acute-trust',
    system: ICB,
  });
  const contributor = await api.token('contributor', ACUTE);
  for (let index = 0; index < count; index += 1) {
    await api.post('/interventions', contributor, {
      interventionId: interventionId(index),
      title: `Bench intervention ${index}`,
      leadOrganisationId: ACUTE,
      lenses: { economic: true, social: false, strategic: false },
      strategicPriorities: ['flow'],
    });
  }
  return contributor;
}
