import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { INestApplication } from '@nestjs/common';
import { PackedEvent, PackedFigure, loadConfig } from '@benefit-ledger/application';
import { leafHash, sealLeaf } from '@benefit-ledger/event-store';
import { createApp } from '../apps/api/src/create-app';
import { runCli } from './support/run-cli';

const ACUTE = 'riverside-teaching-hospitals';
const FRAILTY = 'frailty-discharge-to-assess';

/**
 * The "done when", as a new user walks it (docs/periods-and-audit.md "Walk-through"): the demo, close
 * 2019/20, try to add a 2019/20 cost (refused), record it as a restatement (accepted, shown side by side),
 * export a pack, verify it, edit one byte and see verification fail naming the file and the event. Through the
 * HTTP API and the compiled CLI, on a real SQLite store.
 */
describe('closing 2019/20 after the demo, restating it, and auditing it offline', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-walk-'));
  const dataDir = join(root, 'data');
  const env = { DATA_DIR: dataDir };
  let app: INestApplication;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({
    get: (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${tokens[who]}`),
    post: (path: string, body: object) =>
      request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${tokens[who]}`).send(body),
  });
  const cost = (over: Record<string, unknown> = {}) => ({
    costId: 'late-invoice',
    costType: 'direct',
    category: 'improvement team',
    amountPence: 1_250_000,
    financialYear: '2019/20',
    bearerOrganisationId: ACUTE,
    source: { system: 'ledger', reference: 'INV-2020-0611' },
    ...over,
  });
  let close: { position: number; seal: { position: number; root: string } };
  let demoEvents: number; // the close seals the demo's log: its head is the demo's last event

  beforeAll(async () => {
    const demo = runCli(['demo'], env);
    if (demo.status !== 0) throw new Error(demo.stderr);
    demoEvents = Number(/demo: (\d+) events recorded/.exec(demo.stdout)![1]);
    for (const [who, role, organisation] of [
      ['admin', 'admin', 'west-riding-icb'],
      ['contributor', 'contributor', ACUTE],
      ['finance', 'finance', ACUTE],
      ['auditor', 'auditor', 'west-riding-icb'],
      ['gp', 'contributor', 'millbrook-medical-practice'],
    ]) {
      tokens[who] = runCli(
        ['token', '--sub', `${who}@example.nhs.uk`, '--role', role, '--organisation', organisation],
        env,
      ).stdout.trim();
    }
    ({ app } = await createApp(loadConfig(env), false));
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  const logLength = async () => (await as('auditor').get('/audit/verify').expect(200)).body.events;

  it('closes 2019/20 for the whole system, sealing the demo log', async () => {
    const r = await as('admin').post('/periods/2019-20/close', { note: 'Accounts for 2019/20 signed off' });
    expect(r.status).toBe(201);
    close = r.body;
    expect(r.body).toMatchObject({ scope: 'system', seal: { position: demoEvents, streamCount: 16 } });
    const verify = runCli(['verify'], env);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain(
      `seals: 1 verified\n  2019/20 closed for the whole system: heads at position ${demoEvents}, 16 streams, root ${close.seal.root}`,
    );
  });

  it('refuses a 2019/20 cost, naming the year and the close; nothing appended', async () => {
    const before = await logLength();
    const r = await as('contributor').post(`/interventions/${FRAILTY}/costs`, cost());
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ rule: 'period-closed' });
    expect(r.body.message).toContain(`2019/20 is closed for the whole system (closed `);
    expect(r.body.message).toContain(`PeriodClosed at position ${close.position}`);
    expect(await logLength()).toBe(before);
  });

  it('accepts it as a restatement by finance, and shows 2019/20 as closed beside 2019/20 as restated', async () => {
    const r = await as('finance').post(
      `/interventions/${FRAILTY}/costs`,
      cost({ restatement: { reason: 'Invoice INV-2020-0611 for March 2020 arrived in June' } }),
    );
    expect(r.status).toBe(201);
    const value = (await as('auditor').get(`/organisations/${ACUTE}/value?financialYear=2019/20`).expect(200)).body;
    expect(value.period.asClosed.investedPence.pence).toBe(19_500_000);
    expect(value.investedPence.pence).toBe(19_500_000 + 1_250_000);
    expect(value.period.changedFigures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'investedPence', difference: 1_250_000 }),
        expect.objectContaining({ path: 'netPence', difference: -1_250_000 }),
      ]),
    );
    expect(value.period.restatements).toEqual([
      expect.objectContaining({
        reason: 'Invoice INV-2020-0611 for March 2020 arrived in June',
        streamId: `intervention-${FRAILTY}`,
        changes: [expect.objectContaining({ type: 'CostRecorded' })],
      }),
    ]);
  });

  describe('the audit pack', () => {
    const packDir = join(root, 'pack');
    const packFile = join(root, 'pack.tar.gz');

    it('is served over HTTP as a .tar.gz that verifies offline with the compiled CLI', async () => {
      const r = await as('auditor')
        .get(`/audit/pack?organisationId=${ACUTE}&financialYear=2019/20`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/gzip');
      expect(r.headers['content-disposition']).toBe(`attachment; filename="audit-pack-${ACUTE}-2019-20.tar.gz"`);
      writeFileSync(packFile, r.body as Buffer);
      const verified = runCli(['verify-pack', packFile, '--expect-root', close.seal.root], env);
      expect(verified.stderr).toBe('');
      expect(verified.status).toBe(0);
      expect(verified.stdout).toMatch(new RegExp(`^ok: the audit pack for ${ACUTE}, 2019/20 verifies`));
      expect(verified.stdout).toContain(
        `seal 2019/20 (whole system) at position ${demoEvents}: root ${close.seal.root}`,
      );
    });

    it('is written by the compiled CLI too, with every figure as closed and as restated, traced to events it holds', () => {
      const r = runCli(['audit-pack', '--organisation', ACUTE, '--financial-year', '2019-20', '--out', packDir], env);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`audit pack for ${ACUTE}, 2019/20 (closed: figures as closed and as restated)`);
      const figures: PackedFigure[] = JSON.parse(readFileSync(join(packDir, 'figures.json'), 'utf8'));
      const invested = (basis: string) => figures.find((f) => f.id === `organisation-value:${basis}:investedPence`)!;
      expect(invested('as-closed')).toMatchObject({ value: 19_500_000, upToPosition: demoEvents });
      expect(invested('as-restated').value).toBe(20_750_000);
      expect(invested('as-restated').trace.events.map((e) => e.type)).toEqual([
        'CostRecorded',
        'CostRecorded',
        'CostRecorded',
      ]);
      const report = JSON.parse(readFileSync(join(packDir, 'reports', 'organisation-value.json'), 'utf8'));
      expect(report.restatements[0].reason).toBe('Invoice INV-2020-0611 for March 2020 arrived in June');
      const rows = parse<Record<string, string>>(readFileSync(join(packDir, 'figures.csv')), { columns: true });
      expect(rows).toHaveLength(figures.length);
      expect(rows.find((row) => row.figure_id === 'organisation-value:as-restated:investedPence')).toMatchObject({
        value: '20750000',
        sources: expect.stringContaining('ledger: INV-2020-0611'),
      });
      for (const report of ['organisation-value', 'capacity', 'partnership-attribution-riverside-lean-care']) {
        expect(figures.some((f) => f.report === report && f.basis === 'as-closed')).toBe(true);
      }
      expect(runCli(['verify-pack', packDir], env).status).toBe(0);
    });

    it("re-verifies with nothing but sha256sum and the README's shell recipe", () => {
      const sums = spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: packDir, encoding: 'utf8' });
      expect(sums.status).toBe(0);
      const index: PackedEvent[] = JSON.parse(readFileSync(join(packDir, 'events.json'), 'utf8'));
      const some = index[index.length - 1];
      expect(spawnSync('sha256sum', [some.file], { cwd: packDir, encoding: 'utf8' }).stdout.split(' ')[0]).toBe(
        some.hash,
      );
      const head = { streamId: some.streamId, revision: some.revision, hash: some.hash };
      const leaf = spawnSync('sh', ['-c', `printf '\\000%s' '${sealLeaf(head).toString('utf8')}' | sha256sum`], {
        encoding: 'utf8',
      });
      expect(leaf.stdout.split(' ')[0]).toBe(leafHash(sealLeaf(head)).toString('hex'));
      const [left, right] = [
        createHash('sha256').update('l').digest('hex'),
        createHash('sha256').update('r').digest('hex'),
      ];
      const node = spawnSync(
        'sh',
        ['-c', `{ printf '\\001'; printf '%s%s' ${left} ${right} | xxd -r -p; } | sha256sum`],
        { encoding: 'utf8' },
      );
      expect(node.stdout.split(' ')[0]).toBe(
        createHash('sha256')
          .update(Buffer.concat([Buffer.from([1]), Buffer.from(left + right, 'hex')]))
          .digest('hex'),
      );
    });

    it('fails verification when one byte of an event file is edited, naming the file and the event', () => {
      const index: PackedEvent[] = JSON.parse(readFileSync(join(packDir, 'events.json'), 'utf8'));
      const restated = index.find(
        (e) => e.type === 'CostRecorded' && readFileSync(join(packDir, e.file), 'utf8').includes('INV-2020-0611'),
      )!;
      const bytes = readFileSync(join(packDir, restated.file), 'utf8');
      writeFileSync(join(packDir, restated.file), bytes.replace('1250000', '1250001'));
      const r = runCli(['verify-pack', packDir], env);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^FAILED: \d+ problems? in the audit pack/);
      expect(r.stdout).toContain(`${restated.file}: its SHA-256 does not match SHA256SUMS: the file was edited`);
      expect(r.stdout).toContain(
        `${restated.file}: event ${restated.streamId}@${restated.revision} (global position ${restated.position}, CostRecorded, ${restated.eventId}): its SHA-256 is`,
      );
      expect(r.stdout).toContain("not the event's recorded hash");
    });

    it('fails when a figure is edited, naming the figure, and when the archive itself is damaged', () => {
      const dir = join(root, 'pack-http');
      spawnSync('mkdir', ['-p', dir]);
      spawnSync('tar', ['-xzf', packFile, '-C', dir]);
      const figuresFile = join(dir, `audit-pack-${ACUTE}-2019-20`, 'figures.json');
      writeFileSync(figuresFile, readFileSync(figuresFile, 'utf8').replace('"value": 20750000', '"value": 20750009'));
      const figure = runCli(['verify-pack', join(dir, `audit-pack-${ACUTE}-2019-20`)], env);
      expect(figure.status).toBe(1);
      expect(figure.stdout).toContain(
        'figures.json: figure organisation-value:as-restated:investedPence: reports/organisation-value.json does not give this figure as 20750009',
      );
      const damaged = Buffer.from(readFileSync(packFile));
      damaged[damaged.length - 12] ^= 0xff;
      writeFileSync(join(root, 'damaged.tar.gz'), damaged);
      const archive = runCli(['verify-pack', join(root, 'damaged.tar.gz')], env);
      expect(archive.status).not.toBe(0);
      expect(archive.stderr).toContain('damaged.tar.gz is not a readable .tar.gz audit pack');
    });
  });
});
