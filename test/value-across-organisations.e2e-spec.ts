import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { loadConfig, mintToken, resolveJwtSecret } from '@benefit-ledger/application';
import { createApp } from '../apps/api/src/create-app';
import { ACUTE, COMMUNITY, INTERVENTION, benefitBody, costBody, source, withSeededSystem } from './support/fixtures';
import { sumPence } from './support/plain-figures';
import { runCli } from './support/run-cli';

/** Issue 3 as a user meets it: the demo, then the read-model queries over HTTP. */
describe('value across organisations, after the demo', () => {
  let dataDir: string;
  let app: INestApplication;
  let get: (path: string) => request.Test;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-value-'));
    const demo = runCli(['demo'], { DATA_DIR: dataDir });
    if (demo.status !== 0) throw new Error(demo.stderr);
    const config = loadConfig({ DATA_DIR: dataDir });
    ({ app } = await createApp(config, false));
    await app.init();
    const token = await mintToken(resolveJwtSecret(config).secret, {
      sub: 'auditor',
      role: 'auditor',
      organisationId: 'west-riding-icb',
    });
    get = (path) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows value landing in organisations other than the investors, with totals equal to the validated benefits', async () => {
    const flows = (await get('/system/flows?financialYear=2019/20').expect(200)).body;
    // validated in the demo: frailty 62,400,000 + medication review 12,980,000 + theatres 50,000,000
    const validated = 62_400_000 + 12_980_000 + 50_000_000;
    expect(flows.totals.validatedPence.pence).toBe(validated);
    expect(flows.totals.flowsPence.pence).toBe(validated);
    expect(flows.links.reduce((a: number, l: { valuePence: number }) => a + l.valuePence, 0)).toBe(validated);
    const investors = flows.nodes.filter((n: { side: string }) => n.side === 'investor');
    expect(investors.reduce((a: number, n: { valuePence: { pence: number } }) => a + n.valuePence.pence, 0)).toBe(
      validated,
    );
    // the GP practice paid for medication reviews whose value landed at the acute trust and the ICB
    const gpToAcute = flows.links.find(
      (l: { from: string; to: string }) =>
        l.from === 'millbrook-medical-practice' && l.to === 'riverside-teaching-hospitals',
    );
    expect(gpToAcute.valuePence).toBeGreaterThan(0);
    expect(flows.totals.crossOrganisationPence.pence).toBeGreaterThan(0);
    expect(
      flows.links.every(
        (l: { source: string; target: string }) => l.source.startsWith('investor:') && l.target.startsWith('landing:'),
      ),
    ).toBe(true);
  });

  it('traces any figure back to its events, hashes, actors and data sources', async () => {
    const flows = (await get('/system/flows?financialYear=2019/20').expect(200)).body;
    const link = flows.links.find(
      (l: { from: string; to: string }) =>
        l.from === 'millbrook-medical-practice' && l.to === 'riverside-teaching-hospitals',
    );
    const trace = (await get(`/trace?figure=${encodeURIComponent(link.ref)}`).expect(200)).body;
    expect(trace.figure.value).toBe(link.valuePence);
    expect(trace.arithmetic.total).toBe(link.valuePence);
    expect(trace.arithmetic.terms[0].note).toContain('meds-admissions-avoided');
    const types = trace.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['BenefitClaimed', 'BenefitValidated', 'CostRecorded']));
    for (const e of trace.events) {
      expect(e).toMatchObject({
        eventId: expect.any(String),
        streamId: 'intervention-structured-medication-review',
        revision: expect.any(Number),
        position: expect.any(Number),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        actor: { userId: expect.any(String), role: expect.any(String) },
        recordedAt: expect.any(String),
      });
    }
    const validation = trace.events.find((e: { type: string }) => e.type === 'BenefitValidated');
    expect(validation.actor).toEqual({
      userId: 'finance.validator@riverside-teaching-hospitals',
      organisationId: 'riverside-teaching-hospitals',
      role: 'finance',
    });
    const claim = trace.events.find((e: { type: string }) => e.type === 'BenefitClaimed');
    expect(claim.source).toEqual({ system: 'SUS', reference: 'admissions cohort MR-2019', extractedOn: '2020-05-14' });
  });

  it("answers an organisation's value: invested, landed here, where its investment landed, net", async () => {
    const gp = (await get('/organisations/millbrook-medical-practice/value?financialYear=2019/20').expect(200)).body;
    expect(gp.investedPence.pence).toBe(3_600_000);
    expect(gp.landedHere.totalPence.pence).toBe(0); // its safety benefit was rejected
    expect(gp.investmentLanded.elsewherePence.pence).toBeGreaterThan(0);
    expect(sumPence(gp.investmentLanded.herePence, gp.investmentLanded.elsewherePence)).toBe(
      gp.investmentLanded.totalPence.pence,
    );
    expect(gp.netPence.pence).toBe(-3_600_000);
    const acute = (await get('/organisations/riverside-teaching-hospitals/value?financialYear=2019/20').expect(200))
      .body;
    const byType = Object.values(acute.landedHere.byType as Record<string, { pence: number }>).reduce(
      (a, f) => a + f.pence,
      0,
    );
    expect(byType).toBe(acute.landedHere.totalPence.pence);
    expect(sumPence(acute.landedHere.cashPence, acute.landedHere.nonCashPence)).toBe(acute.landedHere.totalPence.pence);
    expect(acute.netPence.pence).toBe(acute.landedHere.totalPence.pence - acute.investedPence.pence);
    const trace = (await get(`/trace?figure=${encodeURIComponent(acute.investedPence.ref)}`).expect(200)).body;
    expect(trace.events.every((e: { type: string }) => e.type === 'CostRecorded')).toBe(true);
    expect(trace.arithmetic.total).toBe(acute.investedPence.pence);
  });

  it('answers capacity: released, harvested each way, undecided, cash released and reinvested value', async () => {
    const capacity = (await get('/capacity?organisationId=riverside-teaching-hospitals&resource=bed-days').expect(200))
      .body;
    expect(capacity.rows).toHaveLength(1);
    expect(capacity.rows[0]).toMatchObject({
      organisationId: 'riverside-teaching-hospitals',
      resource: 'bed-days',
      financialYear: '2019/20',
      released: { quantity: 1200 },
      harvestedAsCash: { quantity: 400 },
      harvestedForReinvestment: { quantity: 600 },
      unharvested: { quantity: 150 },
      undecided: { quantity: 50 },
      reinvested: { quantity: 600 },
      cashReleasedPence: { pence: 13_800_000 },
      reinvestedValuePence: { pence: 20_700_000 },
    });
    const trace = (await get(`/trace?figure=${encodeURIComponent(capacity.rows[0].undecided.ref)}`).expect(200)).body;
    expect(trace.arithmetic.total).toBe(5000); // hundredths: 1200 − 400 − 600 − 150 = 50
    expect(trace.events.map((e: { type: string }) => e.type)).toEqual([
      'CapacityReleased',
      'CapacityHarvested',
      'CapacityHarvested',
      'CapacityHarvested',
    ]);
  });

  it('pages the terms of a large figure, whose total is always whole', async () => {
    const flows = (await get('/system/flows?financialYear=2019/20').expect(200)).body;
    const ref = encodeURIComponent(flows.totals.flowsPence.ref);
    const whole = (await get(`/trace?figure=${ref}`).expect(200)).body;
    expect(whole.page).toEqual({ offset: 0, limit: 100, terms: whole.arithmetic.terms.length, nextOffset: null });
    expect(whole.page.terms).toBeGreaterThan(2);
    const pages = [];
    for (let offset: number | null = 0; offset !== null;) {
      const page: { arithmetic: { total: number; terms: { amount: number }[] }; page: { nextOffset: number | null } } =
        (await get(`/trace?figure=${ref}&limit=2&offset=${offset}`).expect(200)).body;
      expect(page.arithmetic.total).toBe(flows.totals.flowsPence.pence);
      expect(page.arithmetic.terms.length).toBeLessThanOrEqual(2);
      pages.push(...page.arithmetic.terms);
      offset = page.page.nextOffset;
    }
    expect(pages).toEqual(whole.arithmetic.terms);
    expect(pages.reduce((a, t) => a + t.amount, 0)).toBe(flows.totals.flowsPence.pence);
  });

  it('gives the same bytes for the same query twice', async () => {
    const a = await get('/system/flows?financialYear=2019/20&asAt=2099-01-01T00:00:00Z').expect(200);
    const b = await get('/system/flows?financialYear=2019/20&asAt=2099-01-01T00:00:00Z').expect(200);
    expect(a.text).toBe(b.text);
  });

  it.each([
    ['/system/flows?financialYear=2019-20', 'financialYear must be a financial year like 2019/20'],
    ['/system/flows?asAt=yesterday', 'asAt must be an ISO 8601 timestamp'],
    ['/system/flows?region=north', 'property region should not exist'],
    ['/capacity?organisationId=not%20an%20id', 'organisationId must be an id'],
    ['/trace', 'figure should not be null or undefined'],
    ['/trace?figure=bogus', 'figure is not a figure reference returned by a query'],
    ['/trace?figure=fig1.bm90IGpzb24', 'figure is not a figure reference returned by a query (it does not decode)'],
    ['/trace?figure=x&limit=0', 'limit must be at least 1'],
    ['/trace?figure=x&limit=ten', 'limit must be a whole number'],
    ['/trace?figure=x&offset=-1', 'offset must be a whole number'],
  ])('refuses the bad query %s with 400 and the reason', async (path, reason) => {
    const r = await get(path).expect(400);
    expect(JSON.stringify(r.body)).toContain(reason);
  });
});

describe('as at, and read-your-writes, through the API', () => {
  // b-cap only claimed: its validation is what the as-at answers must not see
  const suite = withSeededSystem({ withRelease: false });
  const path = `/interventions/${INTERVENTION}`;

  it('answers as known at an instant: before a validation, the figure without it', async () => {
    const { as } = suite;
    await as.acute.post(`${path}/costs`, costBody({ amountPence: 1_000 })).expect(201);
    await new Promise((r) => setTimeout(r, 5));
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await as.communityFinance
      .post(`${path}/benefits/b-cap/validation`, { validatedValuePence: 2_000_000, note: 'ok', source })
      .expect(201);

    const now = (await as.auditor.get('/system/flows').expect(200)).body;
    expect(now.totals.validatedPence.pence).toBe(2_000_000);
    const then = (await as.auditor.get(`/system/flows?asAt=${before}`).expect(200)).body;
    expect(then.asAt).toBe(before);
    expect(then.totals.validatedPence.pence).toBe(0);
    expect(then.links).toEqual([]);
    const community = (await as.auditor.get(`/organisations/${COMMUNITY}/value?asAt=${before}`).expect(200)).body;
    expect(community.landedHere.totalPence.pence).toBe(0);

    // the as-at answer does not move when more is recorded later
    const again = await as.auditor.get(`/system/flows?asAt=${before}`).expect(200);
    await as.acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-later' })).expect(201);
    await as.communityFinance
      .post(`${path}/benefits/b-later/validation`, { validatedValuePence: 1, note: 'ok', source })
      .expect(201);
    const later = await as.auditor.get(`/system/flows?asAt=${before}`).expect(200);
    expect(later.text).toBe(again.text);

    // a reference from an answer without asAt keeps tracing the same figure after more events
    const link = now.links.find((l: { from: string; to: string }) => l.from === ACUTE && l.to === COMMUNITY);
    const trace = (await as.auditor.get(`/trace?figure=${encodeURIComponent(link.ref)}`).expect(200)).body;
    expect(trace.figure.value).toBe(link.valuePence);
    expect(trace.figure.value).toBe(2_000_000);
  });

  it("lets only members, auditors and admins read a partnership's attribution", async () => {
    const { as } = suite;
    await as.gp.get('/partnerships/no-such/attribution?financialYear=2019/20').expect(403);
    const r = await as.auditor.get('/partnerships/no-such/attribution?financialYear=2019/20').expect(404);
    expect(r.body.message).toContain("partnership 'no-such' is not formed");
    const missingYear = await as.auditor.get('/partnerships/no-such/attribution').expect(400);
    expect(missingYear.body.message).toContain('financialYear');
  });
});

describe('rebuild reproduces the live read models', () => {
  it('gives the same digest as live catch-up, twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-digest-'));
    try {
      expect(runCli(['demo'], { DATA_DIR: dataDir }).status).toBe(0);
      // the API catches up live as it starts and before it answers
      const config = loadConfig({ DATA_DIR: dataDir });
      const { app } = await createApp(config, false);
      await app.init();
      const token = await mintToken(resolveJwtSecret(config).secret, {
        sub: 'a',
        role: 'auditor',
        organisationId: 'west-riding-icb',
      });
      await request(app.getHttpServer()).get('/system/flows').set('Authorization', `Bearer ${token}`).expect(200);
      await app.close();

      const live = runCli(['digest'], { DATA_DIR: dataDir });
      expect(live.stdout).toMatch(/^checkpoint \d+\ndigest [0-9a-f]{64}\n$/);
      const first = runCli(['rebuild'], { DATA_DIR: dataDir });
      const second = runCli(['rebuild'], { DATA_DIR: dataDir });
      expect(first.status).toBe(0);
      const digestOf = (out: string) => /digest ([0-9a-f]{64})/.exec(out)![1];
      expect(digestOf(first.stdout)).toBe(digestOf(live.stdout));
      expect(digestOf(second.stdout)).toBe(digestOf(first.stdout));
      expect(first.stdout).toMatch(/^rebuilt \d+ events in /);
      // the rebuild's digest (taken from the files as it wrote them) is what the files in place now hold
      expect(digestOf(runCli(['digest'], { DATA_DIR: dataDir }).stdout)).toBe(digestOf(first.stdout));
      expect(readdirSync(dataDir).filter((f) => f.includes('.rebuild-'))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
