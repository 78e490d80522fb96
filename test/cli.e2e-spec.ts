import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { actorFromToken, jwtSecretFile, loadConfig } from '@benefit-ledger/application';
import { sqliteFile } from '@benefit-ledger/event-store';
import { readFileSync } from 'node:fs';
import { createApp } from '../apps/api/src/create-app';
import { DEMO_EXPECTED } from '../apps/cli/src/demo/demo-scenario';
import { runCli } from './support/run-cli';

describe('the CLI, as a new user runs it', () => {
  let dataDir: string;
  let app: INestApplication | undefined; // set by the test that starts the API
  let token: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fills a fresh DATA_DIR with the demo and prints a token and the URLs', () => {
    const r = runCli(['demo'], { DATA_DIR: dataDir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^demo: 68 events recorded in /);
    expect(r.stdout).toContain('/interventions/frailty-discharge-to-assess/value');
    // the difference between validated and realised, and what became of the bed-days
    expect(r.stdout).toContain('frailty-discharge-to-assess: £247,500.00; £2.77 / £2.52 / £2.24 per £1');
    expect(r.stdout).toContain(
      'frailty-bed-days: 400 bed-days harvested as cash (£138,000.00 released), 600 for reinvestment (600 reinvested), 150 left unharvested, 50 undecided',
    );
    token = /export TOKEN=(\S+)/.exec(r.stdout)![1];
  });

  it('refuses to run the demo twice on the same DATA_DIR, appending nothing', () => {
    const r = runCli(['demo'], { DATA_DIR: dataDir });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('already has events');
    const db = new Database(sqliteFile(dataDir), { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(68);
    db.close();
  });

  it('mints tokens the API accepts, with the claims asked for', async () => {
    const r = runCli(
      ['token', '--sub', 'ann@example.nhs.uk', '--role', 'finance', '--organisation', 'riverside-teaching-hospitals'],
      { DATA_DIR: dataDir },
    );
    expect(r.status).toBe(0);
    const secret = readFileSync(jwtSecretFile(dataDir), 'utf8').trim();
    await expect(actorFromToken(secret, r.stdout.trim())).resolves.toEqual({
      userId: 'ann@example.nhs.uk',
      role: 'finance',
      organisationId: 'riverside-teaching-hospitals',
    });
    const bad = runCli(['token', '--sub', 'x', '--role', 'owner', '--organisation', 'y'], { DATA_DIR: dataDir });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(
      "argument 'owner' is invalid. Allowed choices are admin, contributor, finance, auditor",
    );
  });

  it("serves the demo's values with the right ROI to the penny", async () => {
    ({ app } = await createApp({ ...loadConfig({ DATA_DIR: dataDir }) }, false));
    await app.init();
    for (const [interventionId, expected] of Object.entries(DEMO_EXPECTED)) {
      const r = await request(app.getHttpServer())
        .get(`/interventions/${interventionId}/value`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect({
        total: r.body.costs.totalPence.pence,
        validated: r.body.benefits.validatedPence.pence,
        net: r.body.netValuePence.pence,
        roi: r.body.roi.perPound,
        realised: r.body.value.realised.totalPence.pence,
        realisedRoi: r.body.value.realised.roi.perPound,
      }).toEqual({
        total: expected.totalCostPence,
        validated: expected.validatedPence,
        net: expected.netValuePence,
        roi: expected.perPound,
        realised: expected.realisedPence,
        realisedRoi: expected.realisedPerPound,
      });
    }
    const meds = await request(app.getHttpServer())
      .get('/interventions/structured-medication-review')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const landing = meds.body.benefits
      .filter((b: { status: string }) => b.status === 'validated')
      .map((b: { landingOrganisationId: string }) => b.landingOrganisationId);
    expect(landing).toEqual(['riverside-teaching-hospitals', 'west-riding-icb']); // value lands outside the GP practice that led it
    await app.close();
  });

  it('verifies the demo log, then names the first event whose bytes were changed in the SQLite file', () => {
    const ok = runCli(['verify'], { DATA_DIR: dataDir });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(
      'ok: 68 events in 16 streams; every hash chain verifies\nseals: none yet (closing a financial year seals the log)\n',
    );

    const db = new Database(sqliteFile(dataDir));
    const target = db
      .prepare(
        "SELECT position, stream_id, revision, event_id FROM events WHERE type = 'CostRecorded' ORDER BY position LIMIT 1",
      )
      .get() as { position: number; stream_id: string; revision: number; event_id: string };
    // an insider edits one digit of an amount: 18000000 -> 18000009
    const changed = db
      .prepare("UPDATE events SET data = replace(data, '18000000', '18000009') WHERE position = ?")
      .run(target.position);
    expect(changed.changes).toBe(1);
    // and a later event of another stream too: verify must name the first
    db.prepare(
      "UPDATE events SET type = 'BenefitValidatedX' WHERE position = (SELECT MAX(position) FROM events)",
    ).run();
    db.close();

    const broken = runCli(['verify'], { DATA_DIR: dataDir });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(
      `BROKEN at ${target.stream_id} revision ${target.revision} (global position ${target.position}, event ${target.event_id}, CostRecorded)`,
    );
    expect(broken.stdout).toContain('content does not match its hash');
    const json = JSON.parse(runCli(['verify', '--json'], { DATA_DIR: dataDir }).stdout);
    expect(json).toMatchObject({
      ok: false,
      firstBroken: { streamId: target.stream_id, revision: target.revision, position: target.position },
    });
  });

  it('names a deleted event by the revision gap it leaves', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-gap-'));
    try {
      expect(runCli(['demo'], { DATA_DIR: dir }).status).toBe(0);
      const db = new Database(sqliteFile(dir));
      const victim = db
        .prepare(
          "SELECT position, stream_id FROM events WHERE stream_id = 'intervention-theatre-scheduling' AND revision = 2",
        )
        .get() as { position: number; stream_id: string };
      db.prepare('DELETE FROM events WHERE position = ?').run(victim.position);
      db.close();
      const r = runCli(['verify'], { DATA_DIR: dir });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('BROKEN at intervention-theatre-scheduling revision 3');
      expect(r.stdout).toContain('revision 3 follows 1: an event is missing or was inserted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
