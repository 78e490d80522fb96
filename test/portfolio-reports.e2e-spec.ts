import { randomUUID } from 'node:crypto';
import { SqliteEventStore, sqliteFile } from '@benefit-ledger/event-store';
import { ACUTE, COMMUNITY, GP, INTERVENTION, benefitBody, costBody, seedSystem, source } from './support/fixtures';
import { TestApp } from './support/test-app';

// a ledger restarted in beforeAll: slow when the machine is busy
jest.setTimeout(120_000);

/**
 * A portfolio of four claims landing at the community trust in 2019/20:
 *  - int-1/b-cap £30,000.00 capacity, validated (finance, with a source), but int-1 records no cost;
 *  - int-2/b-a £10,000.00 quality (social lens), validated at £9,000.00: meets all three;
 *  - int-2/b-b £5,000.00 cash-releasing, validated at £4,000.00 by a validation written before sources were required;
 *  - int-2/b-c £2,000.00 cost-avoidance, not validated yet.
 */
const INT2 = 'int-2';
type Get = (url: string) => { expect: (status: number) => Promise<{ body: any }> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped JSON, as supertest's body is

let t: TestApp;
let auditor: { get: Get };

beforeAll(async () => {
  const first = await TestApp.start();
  const as = await seedSystem(first, { withRelease: true });
  await as.acute
    .post('/interventions', {
      interventionId: INT2,
      title: 'Same-day emergency care',
      leadOrganisationId: ACUTE,
      lenses: { economic: true, social: true, strategic: true },
      strategicPriorities: ['flow', 'elective recovery'],
    })
    .expect(201);
  await as.acute.post(`/interventions/${INT2}/costs`, costBody({ costId: 'team' })).expect(201);
  await as.acute
    .post(
      `/interventions/${INT2}/benefits`,
      benefitBody({
        benefitId: 'b-a',
        benefitType: 'quality',
        lens: 'social',
        quantity: { value: 10, unit: 'falls' },
        valuation: { method: 'estimate' },
        valuePence: 1_000_000,
      }),
    )
    .expect(201);
  await as.acute
    .post(
      `/interventions/${INT2}/benefits`,
      benefitBody({
        benefitId: 'b-b',
        benefitType: 'cash-releasing',
        quantity: { value: 1, unit: 'contract' },
        valuation: { method: 'actual' },
        valuePence: 500_000,
      }),
    )
    .expect(201);
  await as.acute
    .post(
      `/interventions/${INT2}/benefits`,
      benefitBody({
        benefitId: 'b-c',
        benefitType: 'cost-avoidance',
        quantity: { value: 2, unit: 'admissions' },
        valuation: { method: 'estimate' },
        valuePence: 200_000,
      }),
    )
    .expect(201);
  await as.communityFinance
    .post(`/interventions/${INT2}/benefits/b-a/validation`, { validatedValuePence: 900_000, note: 'agreed', source })
    .expect(201);
  await first.app.close();
  // a validation as an earlier version wrote it: no source, schema version 1 (the stored event is read, never rewritten)
  const store = new SqliteEventStore(sqliteFile(first.config.dataDir));
  const stream = `intervention-${INT2}`;
  await store.append(
    stream,
    [
      {
        eventId: randomUUID(),
        type: 'BenefitValidated',
        data: { benefitId: 'b-b', validatedValuePence: 400_000, note: 'old' },
        metadata: {
          recordedAt: new Date().toISOString(),
          actor: { userId: 'f@community', organisationId: COMMUNITY, role: 'finance' },
          correlationId: 'v1',
          causationId: 'v1',
          schemaVersion: 1,
        },
      },
    ],
    (await store.readStream(stream)).length - 1,
  );
  await store.close();
  t = await TestApp.start({ dataDir: first.config.dataDir });
  auditor = await t.as('auditor', ACUTE);
});
afterAll(() => t.stop());

const criterion = (body: { criteria: { criterion: string }[] }, name: string) =>
  body.criteria.find((c) => c.criterion === name) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped JSON, as supertest's body is
const ids = (items: { interventionId: string; benefitId: string }[]) =>
  items.map((c) => `${c.interventionId}/${c.benefitId}`).sort();

describe('GET /portfolio/quality', () => {
  it('judges every claim in scope on the three criteria', async () => {
    const body = (await auditor.get('/portfolio/quality?financialYear=2019/20').expect(200)).body;
    expect(body.claims).toMatchObject({ count: 4, valuePence: 3_000_000 + 1_000_000 + 500_000 + 200_000 });
    const judged = Object.fromEntries(
      body.claims.page.items.map((c: Record<string, unknown>) => [
        `${String(c.interventionId)}/${String(c.benefitId)}`,
        [c.costsCounted, c.sourcesNamed, c.financeValidated],
      ]),
    );
    expect(judged).toEqual({
      [`${INTERVENTION}/b-cap`]: [false, true, true],
      [`${INT2}/b-a`]: [true, true, true],
      [`${INT2}/b-b`]: [true, false, true],
      [`${INT2}/b-c`]: [true, true, false],
    });
  });

  it('counts and values the claims meeting each criterion and all three, each count listing its claims', async () => {
    const body = (await auditor.get('/portfolio/quality?financialYear=2019/20').expect(200)).body;
    const costs = criterion(body, 'costs-counted');
    expect(costs.meeting).toMatchObject({ count: 3, valuePence: 1_700_000 });
    expect(ids(costs.meeting.claims.items)).toEqual([`${INT2}/b-a`, `${INT2}/b-b`, `${INT2}/b-c`]);
    expect(costs.failing.claims.items).toEqual([
      {
        interventionId: INTERVENTION,
        benefitId: 'b-cap',
        valuePence: 3_000_000,
        reason: `no cost is recorded for intervention '${INTERVENTION}'`,
      },
    ]);
    const sources = criterion(body, 'sources-named');
    expect(sources.meeting).toMatchObject({ count: 3, valuePence: 4_200_000 });
    expect(sources.failing.claims.items).toEqual([
      expect.objectContaining({
        benefitId: 'b-b',
        reason: expect.stringContaining('the validation (BenefitValidated'),
      }),
    ]);
    const validated = criterion(body, 'finance-validated');
    expect(validated.failing.claims.items).toEqual([
      expect.objectContaining({ benefitId: 'b-c', reason: 'finance has not validated the claim yet' }),
    ]);
    const all = criterion(body, 'all-three');
    expect(all.meeting).toMatchObject({ count: 1, valuePence: 1_000_000 });
    expect(all.failing.count).toBe(3);
    // each count is its list's total, and the counts add up to the claims in scope
    for (const c of body.criteria) {
      expect(c.meeting.claims.total).toBe(c.meeting.count);
      expect(c.failing.claims.total).toBe(c.failing.count);
      expect(Number(c.meeting.count) + Number(c.failing.count)).toBe(body.claims.count);
      expect(Number(c.meeting.valuePence) + Number(c.failing.valuePence)).toBe(body.claims.valuePence);
    }
  });

  it('pages the lists with offset and limit', async () => {
    const body = (await auditor.get('/portfolio/quality?offset=1&limit=1').expect(200)).body;
    const failing = criterion(body, 'all-three').failing.claims;
    expect(failing).toMatchObject({ total: 3, offset: 1, limit: 1 });
    expect(failing.items).toHaveLength(1);
    expect(body.claims.page.items).toHaveLength(1);
  });

  it('scopes to an organisation (claims landing there or of interventions it leads) and to a year', async () => {
    expect((await auditor.get(`/portfolio/quality?organisationId=${GP}`).expect(200)).body.claims.count).toBe(0);
    expect((await auditor.get(`/portfolio/quality?organisationId=${ACUTE}`).expect(200)).body.claims.count).toBe(4);
    expect((await auditor.get('/portfolio/quality?financialYear=2020/21').expect(200)).body.claims.count).toBe(0);
  });

  it.each([
    ['?organisation=acute-a', 'organisation'],
    ['?limit=501', 'limit'],
    ['?financialYear=2019-20', 'financialYear'],
  ])('refuses %s (400 naming the parameter)', async (query, field) => {
    const r = await (await t.as('auditor', ACUTE)).get(`/portfolio/quality${query}`);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 401 without a token', async () => {
    expect((await t.http.get('/portfolio/quality')).status).toBe(401);
  });
});

describe('GET /portfolio/priorities', () => {
  it("rolls up to the organisation figures' validated and realised totals", async () => {
    const priorities = (
      await auditor.get(`/portfolio/priorities?organisationId=${COMMUNITY}&financialYear=2019/20`).expect(200)
    ).body;
    const organisation = (await auditor.get(`/organisations/${COMMUNITY}/value?financialYear=2019/20`).expect(200))
      .body;
    expect(priorities.validatedPence).toBe(organisation.value.validated.totalPence.pence);
    expect(priorities.realisedPence).toBe(organisation.value.realised.totalPence.pence);
    expect(priorities.claimedPence).toBe(organisation.value.claimed.totalPence.pence);
    expect(priorities).toMatchObject({ claimedPence: 4_700_000, validatedPence: 4_300_000, realisedPence: 1_300_000 });
  });

  it('reports by strategic priority (a benefit under each its intervention names) and by lens (adding up to the total)', async () => {
    const body = (await auditor.get('/portfolio/priorities').expect(200)).body;
    expect(body.byPriority).toEqual([
      { priority: 'elective recovery', claimedPence: 1_700_000, validatedPence: 1_300_000, realisedPence: 1_300_000 },
      { priority: 'flow', claimedPence: 4_700_000, validatedPence: 4_300_000, realisedPence: 1_300_000 },
    ]);
    expect(body.byLens).toEqual([
      { lens: 'economic', claimedPence: 3_700_000, validatedPence: 3_400_000, realisedPence: 400_000 },
      { lens: 'social', claimedPence: 1_000_000, validatedPence: 900_000, realisedPence: 900_000 },
      { lens: 'strategic', claimedPence: 0, validatedPence: 0, realisedPence: 0 },
    ]);
    for (const way of ['claimedPence', 'validatedPence', 'realisedPence']) {
      expect(body.byLens.reduce((sum: number, l: Record<string, number>) => sum + l[way], 0)).toBe(body[way]);
    }
    expect(body.years).toEqual([expect.objectContaining({ financialYear: '2019/20', validatedPence: 4_300_000 })]);
  });

  it('refuses an unknown parameter (400 naming it)', async () => {
    const r = await (await t.as('auditor', ACUTE)).get('/portfolio/priorities?lens=social');
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('lens');
  });
});
