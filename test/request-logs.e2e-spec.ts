import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { AppConfig, mintToken } from '@benefit-ledger/application';
import { EVENT_STORE, sqliteFile } from '@benefit-ledger/event-store';
import { freePort } from '@benefit-ledger/testing';
import { createApp } from '../apps/api/src/create-app';

/** Everything the application logs, as written. */
class CapturedLog extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
  lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  }
  /** The lines pino-http wrote, one per request. */
  requestLines(): Record<string, unknown>[] {
    return this.lines().filter((line) => 'status' in line && 'ms' in line);
  }
}

const SECRET = 'jwt-secret-that-must-never-be-logged-4d1f';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function startLogged(settings: Partial<AppConfig> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-logs-'));
  const log = new CapturedLog();
  const config: AppConfig = { port: 0, dataDir, jwtSecret: SECRET, bodyLimitBytes: 64 * 1024, ...settings };
  const { app } = await createApp(config, { destination: log });
  await app.init();
  return { app, log, dataDir };
}

describe('request logs', () => {
  let app: INestApplication;
  let log: CapturedLog;
  let dataDir: string;
  let token: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    ({ app, log, dataDir } = await startLogged());
    token = await mintToken(SECRET, { sub: 'admin@icb-west', role: 'admin', organisationId: 'icb-west' });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes one JSON line per request: method, route, status, ms, user and the correlation id the client sent, which the events carry too', async () => {
    const before = log.requestLines().length;
    const r = await http()
      .post('/organisations')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Correlation-Id', 'corr-logs-1')
      .send({ organisationId: 'icb-west', name: 'ICB West', type: 'icb' })
      .expect(201);
    expect(r.headers['x-correlation-id']).toBe('corr-logs-1');

    const lines = log.requestLines().slice(before);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        correlationId: 'corr-logs-1',
        method: 'POST',
        route: '/organisations',
        path: '/organisations',
        status: 201,
        ms: expect.any(Number),
        user: 'admin@icb-west',
        msg: 'POST /organisations 201',
      }),
    ]);

    const db = new Database(sqliteFile(dataDir), { readonly: true });
    try {
      const stored = db.prepare('SELECT metadata FROM events').all() as { metadata: string }[];
      expect(stored.map((row) => JSON.parse(row.metadata).correlationId)).toEqual(['corr-logs-1']);
    } finally {
      db.close();
    }
  });

  it('generates a correlation id when none is sent, or when the one sent is not of the accepted form, and echoes it', async () => {
    const before = log.requestLines().length;
    const none = await http().get('/organisations/icb-west').set('Authorization', `Bearer ${token}`).expect(200);
    const bad = await http()
      .get('/organisations/icb-west')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Correlation-Id', 'has spaces; and {json}')
      .expect(200);
    const long = await http()
      .get('/organisations/icb-west')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Correlation-Id', 'x'.repeat(101))
      .expect(200);
    const ids = [none, bad, long].map((r) => r.headers['x-correlation-id']);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
    expect(
      log
        .requestLines()
        .slice(before)
        .map((line) => [line.correlationId, line.route]),
    ).toEqual(ids.map((id) => [id, '/organisations/:organisationId']));
    expect(log.text).not.toContain('has spaces');
  });

  it('echoes the correlation id on every answer, refusals included, and logs each of them', async () => {
    const before = log.requestLines().length;
    const answers = [
      await http().get('/organisations/icb-west').set('X-Correlation-Id', 'c-401').expect(401),
      await http()
        .get('/organisations/nobody')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Correlation-Id', 'c-404')
        .expect(404),
      await http().get('/no/such/route').set('X-Correlation-Id', 'c-404-route').expect(404),
      await http()
        .post('/organisations')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Correlation-Id', 'c-400')
        .set('Content-Type', 'application/json')
        .send('{"not json')
        .expect(400),
      await http()
        .post('/organisations')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Correlation-Id', 'c-415')
        .set('Content-Type', 'text/plain')
        .send('hello')
        .expect(415),
      await http().get('/health/ready').set('X-Correlation-Id', 'c-health').expect(200),
    ];
    const sent = ['c-401', 'c-404', 'c-404-route', 'c-400', 'c-415', 'c-health'];
    expect(answers.map((r) => r.headers['x-correlation-id'])).toEqual(sent);
    expect(
      log
        .requestLines()
        .slice(before)
        .map((line) => [line.correlationId, line.status]),
    ).toEqual([
      ['c-401', 401],
      ['c-404', 404],
      ['c-404-route', 404],
      ['c-400', 400],
      ['c-415', 415],
      ['c-health', 200],
    ]);
    // no route matched (or none was reached): the path is logged, and the user only once the token is verified
    expect(log.requestLines().slice(before)[2]).toMatchObject({ route: null, path: '/no/such/route', user: null });
  });

  it('never writes the token, the JWT secret or a cookie, whatever the request', async () => {
    await http()
      .get('/organisations/icb-west')
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', 'session=cookie-value-never-logged')
      .expect(200);
    await http()
      .get('/organisations/icb-west')
      .set('Authorization', 'Bearer forged.token-value-never-logged')
      .expect(401);
    // a body carrying the token's signature, refused: bodies are not logged either
    await http()
      .post('/organisations')
      .set('Authorization', `Bearer ${token}`)
      .send({ organisationId: 'icb-west', name: token.split('.')[2], type: 'icb' })
      .expect(409);
    expect(log.requestLines().length).toBeGreaterThan(3);
    for (const secret of [
      token,
      token.split('.')[2],
      SECRET,
      'cookie-value-never-logged',
      'forged.token-value-never-logged',
    ]) {
      expect(log.text).not.toContain(secret);
    }
  });
});

describe('a failure of the server', () => {
  it("is logged at error, the request line and the error filter's lines alike carrying the correlation id", async () => {
    const { app, log, dataDir } = await startLogged();
    try {
      const token = await mintToken(SECRET, { sub: 'admin@icb-west', role: 'admin', organisationId: 'icb-west' });
      await app.get<{ close(): Promise<void> }>(EVENT_STORE).close(); // the store is gone from under the API
      await request(app.getHttpServer())
        .post('/organisations')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Correlation-Id', 'c-500')
        .send({ organisationId: 'icb-west', name: 'ICB West', type: 'icb' })
        .expect(500)
        .expect('X-Correlation-Id', 'c-500');
      const lines = log.lines().filter((line) => line.correlationId === 'c-500');
      expect(lines).toEqual([
        expect.objectContaining({
          level: 50,
          context: 'Errors',
          msg: expect.stringContaining('database connection is not open'),
        }),
        expect.objectContaining({ level: 50, status: 500, route: '/organisations' }),
      ]);
    } finally {
      await app.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('log formats', () => {
  it('writes one readable line per request when LOG_FORMAT is pretty', async () => {
    const { app, log, dataDir } = await startLogged({ logFormat: 'pretty' });
    try {
      await request(app.getHttpServer()).get('/health').set('X-Correlation-Id', 'c-pretty').expect(200);
      expect(log.text).toMatch(/INFO.*GET \/health 200/);
      expect(log.text).toContain('"correlationId":"c-pretty"');
      expect(() => JSON.parse(log.text.split('\n')[0])).toThrow();
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('at LOG_LEVEL warn writes no line for a request answered well, and one for a failure of the server', async () => {
    const { app, log, dataDir } = await startLogged({ logLevel: 'warn', readyMinFreeDiskMb: Number.MAX_SAFE_INTEGER });
    try {
      await request(app.getHttpServer()).get('/health').expect(200);
      await request(app.getHttpServer()).get('/health/ready').set('X-Correlation-Id', 'c-503').expect(503);
      expect(log.requestLines().map((line) => [line.level, line.status, line.correlationId])).toEqual([
        [50, 503, 'c-503'],
      ]);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Resolves once `output()` satisfies `done`, or rejects after `ms`. */
async function waitFor(output: () => string, done: (text: string) => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done(output())) {
    if (Date.now() > until) throw new Error(`timed out waiting; output so far:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the API started as `npm start` does, its output piped', () => {
  const MAIN = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');
  let api: ChildProcessWithoutNullStreams;
  let stdout = '';
  let stderr = '';
  let dataDir: string;

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes its start-up lines and one line per request as JSON through the logger, and never the secret or the token', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-start-'));
    const port = await freePort();
    api = spawn(process.execPath, [MAIN], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, JWT_SECRET: SECRET, PORT: String(port) },
    });
    api.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    api.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => api.once('exit', resolve));
    try {
      await waitFor(
        () => stdout,
        (text) => text.includes('API on http://localhost:'),
      );
      const token = await mintToken(SECRET, { sub: 'admin@icb-west', role: 'admin', organisationId: 'icb-west' });
      const answer = await fetch(`http://127.0.0.1:${port}/organisations`, {
        method: 'POST',
        body: JSON.stringify({ organisationId: 'icb-west', name: 'ICB West', type: 'icb' }),
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'X-Correlation-Id': 'corr-npm-start',
        },
      });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-correlation-id')).toBe('corr-npm-start');
      await waitFor(
        () => stdout,
        (text) => text.includes('"correlationId":"corr-npm-start"'),
      );

      const lines = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.filter((line) => line.context === 'Startup').map((line) => line.msg)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^store: embedded SQLite at /),
          expect.stringMatching(/^API on http:\/\/localhost:\d+ .*\/health\/ready/),
        ]),
      );
      expect(lines.filter((line) => line.correlationId === 'corr-npm-start')).toEqual([
        expect.objectContaining({
          method: 'POST',
          route: '/organisations',
          status: 201,
          user: 'admin@icb-west',
        }),
      ]);
      // Nest's own start-up chatter is debug, below the default level
      expect(lines.some((line) => line.context === 'RoutesResolver')).toBe(false);
      for (const secret of [SECRET, token]) expect(stdout + stderr).not.toContain(secret);
    } finally {
      api.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
