import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHolder } from '@benefit-ledger/application';
import { DEMO_SYSTEM } from '../apps/cli/src/demo/demo-organisations';
import { version } from '../package.json';
import { DemoApp } from './support/demo-app';
import { RunningApi, runApiExpectingRefusal } from './support/run-api';
import { runCli } from './support/run-cli';

// each test starts compiled processes (about a second apiece, more on a busy machine)
jest.setTimeout(60_000);

const SAMPLES = join(__dirname, '..', 'samples');
const ACUTE = 'riverside-teaching-hospitals';
const contributor = ['--sub', 'ann.improvement@riverside.nhs.uk', '--role', 'contributor', '--organisation', ACUTE];
const auditor = ['--sub', 'dee.audit@example.nhs.uk', '--role', 'auditor', '--organisation', DEMO_SYSTEM];

/**
 * The compiled API and CLI as an operator starts them: a bad or misspelt variable stops the start naming it;
 * one writer per DATA_DIR (a rebuild, import or demo while the API serves it is refused with the API's pid,
 * read-only commands still run); a crashed holder's lock is taken over; `--version`.
 */
describe('configuration, as the compiled API and CLI read it', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'ledger-config-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [{ PORT: 'eighty' }, "benefit-ledger failed to start: PORT must be a port number from 0 to 65535, got 'eighty'"],
    [
      { DATA_DIRR: '/srv/ledger' },
      'benefit-ledger failed to start: unknown variable DATA_DIRR; did you mean DATA_DIR?',
    ],
    [{ JWT_SECRETS: 'x' }, 'unknown variable JWT_SECRETS; did you mean JWT_SECRET?'],
    [{ KAFKA_BROKER: 'kafka:9092' }, 'unknown variable KAFKA_BROKER; did you mean KAFKA_BROKERS?'],
    [
      { RATE_LIMIT_PER_MINUTE: '-5' },
      "RATE_LIMIT_PER_MINUTE must be a whole number of requests from 0 (no limit) to 1000000, got '-5'",
    ],
  ])('the API refuses to start with %p, naming the variable', (bad, message) => {
    const r = runApiExpectingRefusal({ DATA_DIR: dataDir, ...bad });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(readHolder(dataDir)).toBeNull(); // it stopped before taking the data directory
  });

  it('the CLI refuses the same, naming the variable', () => {
    const r = runCli(['verify'], { DATA_DIR: dataDir, LOG_FORMAT: 'xml' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("LOG_FORMAT must be one of auto, json, pretty, got 'xml'");
  });

  it('reads .env from the working directory, under the environment', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ledger-dotenv-'));
    try {
      writeFileSync(join(cwd, '.env'), `DATA_DIR=${dataDir}\nTOKEN_MAX_LIFETIME_HOURS=1\n`);
      const token = [
        'token',
        '--sub',
        'a@example.nhs.uk',
        '--role',
        'admin',
        '--organisation',
        'my-icb',
        '--expires-in',
        '2h',
      ];
      const capped = runCli(token, {}, { cwd });
      expect(capped.status).not.toBe(0);
      expect(capped.stderr).toContain('--expires-in');
      expect(runCli(token, { TOKEN_MAX_LIFETIME_HOURS: '3' }, { cwd }).status).toBe(0); // the environment wins

      writeFileSync(join(cwd, '.env'), 'DATA_DIRR=/srv/ledger\n');
      const misspelt = runCli(['verify'], { DATA_DIR: dataDir }, { cwd });
      expect(misspelt.status).not.toBe(0);
      expect(misspelt.stderr).toContain('unknown variable DATA_DIRR; did you mean DATA_DIR?');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('`cli --version` prints the package version', () => {
    const r = runCli(['--version'], {});
    expect(r).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    expect(version).toBe(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version);
  });
});

describe('one writer per data directory, as the compiled API and CLI hold it', () => {
  let demo: DemoApp;
  let api: RunningApi | null = null;
  const cli = (args: string[]) => runCli(args, { DATA_DIR: demo.dataDir });

  beforeAll(async () => {
    demo = await DemoApp.start({ serve: false });
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await demo.stop();
  });

  it('while the API serves a DATA_DIR, a second API, rebuild, import and demo are refused naming its pid, and nothing is appended', async () => {
    api = RunningApi.start({ DATA_DIR: demo.dataDir });
    await api.waitFor(() => readHolder(demo.dataDir)?.pid === api!.pid);
    const before = demo.logLength();
    const inUse = `data directory ${demo.dataDir} is in use by process ${api.pid} (the API on port 0`;

    const second = runApiExpectingRefusal({ DATA_DIR: demo.dataDir, PORT: '0' });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`benefit-ledger failed to start: ${inUse}`);
    expect(second.stderr).toContain('; stop it first');

    for (const args of [
      ['rebuild'],
      ['import', 'interventions', join(SAMPLES, 'interventions.csv'), ...contributor],
      ['demo'],
    ]) {
      const r = cli(args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toContain(`error: ${inUse}`);
    }
    expect(demo.logLength()).toBe(before);
    expect(readHolder(demo.dataDir)?.pid).toBe(api.pid); // the refused ones left the holder alone
  });

  it('read-only commands still run beside it: verify, digest, export, token, an import dry run', () => {
    const before = demo.logLength();
    const verify = cli(['verify']);
    expect({ status: verify.status, stderr: verify.stderr }).toEqual({ status: 0, stderr: '' });
    expect(verify.stdout).toContain(`ok: ${before} events`);
    expect(cli(['digest']).stdout).toMatch(/^checkpoint \d+\ndigest [0-9a-f]{64}\n$/);
    const exported = cli(['export', 'system-flows', '--format', 'json', '--financial-year', '2019/20', ...auditor]);
    expect({ status: exported.status, stderr: exported.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(exported.stdout)).toBeInstanceOf(Object);
    expect(cli(['token', '--sub', 'a@example.nhs.uk', '--role', 'auditor', '--organisation', DEMO_SYSTEM]).status).toBe(
      0,
    );
    const dryRun = cli(['import', 'interventions', join(SAMPLES, 'interventions.csv'), '--dry-run', ...contributor]);
    expect(dryRun).toEqual({
      status: 0,
      stdout: 'ok: 2 rows valid; importing would append 2 events (dry run: nothing appended)\n',
      stderr: '',
    });
    expect(demo.logLength()).toBe(before);
  });

  it('a crashed API (kill -9) leaves no lock behind: the next writer takes over its stale holder file', async () => {
    const crashed = api!.pid;
    await api!.stop('SIGKILL');
    expect(readHolder(demo.dataDir)?.pid).toBe(crashed); // it had no chance to tidy up

    const rebuild = cli(['rebuild']);
    expect({ status: rebuild.status, stderr: rebuild.stderr }).toEqual({ status: 0, stderr: '' });
    expect(rebuild.stdout).toMatch(/^rebuilt \d+ events in/);

    api = RunningApi.start({ DATA_DIR: demo.dataDir });
    await api.waitFor(() => readHolder(demo.dataDir)?.pid === api!.pid);
    const refused = cli(['rebuild']);
    expect(refused.stderr).toContain(`is in use by process ${api.pid} `);
    await api.stop('SIGTERM');
    expect(cli(['rebuild']).status).toBe(0); // a stopped API lets go too
  });
});
