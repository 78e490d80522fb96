import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteEventStore, sqliteFile } from '@benefit-ledger/event-store';
import {
  ACUTE,
  COMMUNITY,
  GP,
  INTERVENTION,
  benefitBody,
  seedSystem,
  source,
  withSeededSystem,
} from './support/fixtures';
import { TestApp } from './support/test-app';

// three apps, one restarted: slow when the machine is busy
jest.setTimeout(120_000);

const path = `/interventions/${INTERVENTION}`;

/** A complete register entry, as the Green Book expects one. */
const REGISTER = {
  owner: { role: 'Director of Operations', organisationId: COMMUNITY },
  measure: { series: 'emergency bed-days per month', unit: 'bed-days' },
  baseline: { value: 420, date: '2019-04-01' },
  target: { value: 320, date: '2020-03-31' },
  timing: { firstYear: '2019/20', durationYears: 3 },
  dependencies: [{ interventionId: INTERVENTION, benefitId: 'b-cap' }],
  risks: [{ description: 'community beds not staffed in winter', rating: 'medium' }],
};

/** A three-year profile: £30,000.00 in 2019/20 and 2020/21, £20,000.00 in 2021/22. */
const profile = {
  followingYears: [
    { financialYear: '2020/21', valuePence: 3_000_000 },
    { financialYear: '2021/22', valuePence: 2_000_000 },
  ],
  discounting: { schedule: 'standard', optimismBiasBasisPoints: 0 },
};

type Benefit = { benefitId: string; register: Record<string, unknown> };
const benefitOf = async (
  as: { get: (url: string) => { expect: (s: number) => Promise<{ body: { benefits: Benefit[] } }> } },
  benefitId: string,
) => (await as.get(path).expect(200)).body.benefits.find((b) => b.benefitId === benefitId)!;

describe('the benefits register on claims and revisions', () => {
  const suite = withSeededSystem({ withRelease: false });
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  beforeAll(() => ({ t, as } = suite));

  it('records every register field on a claim and returns it with the claim, nothing "not recorded"', async () => {
    await as.acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-reg', register: REGISTER })).expect(201);
    const benefit = await benefitOf(as.auditor, 'b-reg');
    expect(benefit.register).toEqual({ ...REGISTER, notRecorded: [] });
  });

  it('answers a claim made without register fields with each one null and listed as not recorded', async () => {
    const benefit = await benefitOf(as.auditor, 'b-cap');
    expect(benefit.register).toEqual({
      owner: null,
      measure: null,
      baseline: null,
      target: null,
      timing: null,
      dependencies: null,
      risks: null,
      notRecorded: ['owner', 'measure', 'baseline', 'target', 'timing', 'dependencies', 'risks'],
    });
  });

  it('returns the strategic priorities named at registration', async () => {
    expect((await as.auditor.get(path).expect(200)).body.strategicPriorities).toEqual(['flow']);
  });

  it('replaces the fields a revision gives and keeps the others', async () => {
    const risks = [{ description: 'winter pressures', rating: 'high' }];
    await as.acute
      .post(`${path}/benefits/b-reg/revisions`, {
        quantity: { value: 100, unit: 'bed-days' },
        valuation: { method: 'unit-cost', unitValuePence: 30_000 },
        valuePence: 3_000_000,
        reason: 'risk re-rated',
        source,
        register: { risks },
      })
      .expect(201);
    expect((await benefitOf(as.auditor, 'b-reg')).register).toEqual({ ...REGISTER, risks, notRecorded: [] });
  });

  it.each([
    ['an owner without a role', { owner: { organisationId: COMMUNITY } }, 'register.owner.role'],
    ['a duration of 0 years', { timing: { firstYear: '2019/20', durationYears: 0 } }, 'register.timing.durationYears'],
    [
      'a duration that is not whole',
      { timing: { firstYear: '2019/20', durationYears: 1.5 } },
      'register.timing.durationYears',
    ],
    [
      'a first year that is not a financial year',
      { timing: { firstYear: '2019/21', durationYears: 1 } },
      'register.timing.firstYear',
    ],
    [
      'a risk rated outside low, medium, high',
      { risks: [{ description: 'x', rating: 'severe' }] },
      'register.risks[0].rating',
    ],
    ['a baseline with an impossible date', { baseline: { value: 1, date: '2019-02-30' } }, 'register.baseline.date'],
    ['a measure without a unit', { measure: { series: 'bed-days' } }, 'register.measure.unit'],
    ['a field the register does not have', { sponsor: 'someone' }, 'register.sponsor'],
    [
      'a dependency without an intervention',
      { dependencies: [{ benefitId: 'b-cap' }] },
      'register.dependencies[0].interventionId',
    ],
  ])('refuses %s (400 naming the field), appending nothing', async (_what, register, field) => {
    const before = t.logLength();
    const r = await as.acute.post(`${path}/benefits`, benefitBody({ register }));
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(t.logLength()).toBe(before);
  });

  it.each([
    [
      'an owner at an organisation never registered',
      { owner: { role: 'CFO', organisationId: 'nowhere' } },
      'register.owner.organisationId',
    ],
    [
      'a dependency on an intervention never registered',
      { dependencies: [{ interventionId: 'no-such-intervention' }] },
      'register.dependencies[0].interventionId',
    ],
    [
      'a dependency on a benefit never claimed here',
      { dependencies: [{ interventionId: INTERVENTION, benefitId: 'ghost' }] },
      'register.dependencies[0].benefitId',
    ],
  ])('refuses %s (400 naming the field), appending nothing', async (_what, register, field) => {
    const before = t.logLength();
    const r = await as.acute.post(`${path}/benefits`, benefitBody({ register }));
    expect({ status: r.status, field: r.body.field }).toEqual({ status: 400, field });
    expect(t.logLength()).toBe(before);
  });

  it('refuses a target dated before its baseline (422, naming the rule), appending nothing', async () => {
    const before = t.logLength();
    const r = await as.acute.post(
      `${path}/benefits`,
      benefitBody({ register: { baseline: REGISTER.baseline, target: { value: 1, date: '2019-01-01' } } }),
    );
    expect({ status: r.status, rule: r.body.rule, field: r.body.field }).toEqual({
      status: 422,
      rule: 'target-before-baseline',
      field: 'register.target.date',
    });
    expect(t.logLength()).toBe(before);
  });

  it('writes claims and revisions at schema version 2 with the whole register', () => {
    const db = new Database(sqliteFile(t.config.dataDir), { readonly: true });
    const rows = db
      .prepare("SELECT type, data, metadata FROM events WHERE type IN ('BenefitClaimed', 'BenefitRevised')")
      .all() as { type: string; data: string; metadata: string }[];
    db.close();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(JSON.parse(row.metadata).schemaVersion).toBe(2);
      expect(Object.keys(JSON.parse(row.data).register).sort()).toEqual([
        'baseline',
        'dependencies',
        'measure',
        'owner',
        'risks',
        'target',
        'timing',
      ]);
    }
  });
});

describe('a claim written before the register existed (BenefitClaimed version 1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    await seedSystem(t, { withRelease: false });
    await t.app.close();
    // what an earlier version wrote: a claim without a register, schema version 1, hash chain and all
    const store = new SqliteEventStore(sqliteFile(t.config.dataDir));
    const stream = `intervention-${INTERVENTION}`;
    const { register: _register, benefitId: _id, ...claim } = { ...benefitBody(), register: null, benefitId: null };
    await store.append(
      stream,
      [
        {
          eventId: randomUUID(),
          type: 'BenefitClaimed',
          data: { ...claim, benefitId: 'b-old', valuePence: 3_000_000 },
          metadata: {
            recordedAt: new Date().toISOString(),
            actor: { userId: 'c@acute', organisationId: ACUTE, role: 'contributor' },
            correlationId: 'v1',
            causationId: 'v1',
            schemaVersion: 1,
          },
        },
      ],
      (await store.readStream(stream)).length - 1,
    );
    await store.close();
    const restarted = await TestApp.start({ dataDir: t.config.dataDir });
    t = restarted;
  });
  afterAll(() => t.stop());

  it('still verifies, and reads its register as not recorded', async () => {
    const auditor = await t.as('auditor', ACUTE);
    expect((await auditor.get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });
    const benefit = await benefitOf(auditor, 'b-old');
    expect(benefit.register.notRecorded).toEqual([
      'owner',
      'measure',
      'baseline',
      'target',
      'timing',
      'dependencies',
      'risks',
    ]);
  });

  it('takes a revision that adds register fields to it', async () => {
    const acute = await t.as('contributor', ACUTE);
    await acute
      .post(`${path}/benefits/b-old/revisions`, {
        quantity: { value: 100, unit: 'bed-days' },
        valuation: { method: 'unit-cost', unitValuePence: 30_000 },
        valuePence: 3_000_000,
        reason: 'register added',
        source,
        register: { owner: REGISTER.owner },
      })
      .expect(201);
    const benefit = await benefitOf(await t.as('auditor', ACUTE), 'b-old');
    expect(benefit.register).toMatchObject({
      owner: REGISTER.owner,
      notRecorded: ['measure', 'baseline', 'target', 'timing', 'dependencies', 'risks'],
    });
  });
});

describe('plan against actual', () => {
  const suite = withSeededSystem({ withRelease: false });
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  const actuals = `${path}/benefits/b-3y/actuals`;
  const actual = (financialYear: string, valuePence: number, quantity = 90) => ({
    financialYear,
    valuePence,
    quantity: { value: quantity, unit: 'bed-days' },
    source,
  });
  beforeAll(async () => {
    ({ t, as } = suite);
    await as.acute
      .post(
        `${path}/benefits`,
        benefitBody({ benefitId: 'b-3y', profile, register: { timing: { firstYear: '2019/20', durationYears: 3 } } }),
      )
      .expect(201);
  });

  it('refuses an actual for a benefit not yet validated (422), appending nothing', async () => {
    const before = t.logLength();
    const r = await as.communityFinance.post(actuals, actual('2019/20', 2_900_000));
    expect({ status: r.status, rule: r.body.rule }).toEqual({ status: 422, rule: 'actual-needs-validated-benefit' });
    expect(t.logLength()).toBe(before);
  });

  it('records actuals by finance of the landing organisation once validated', async () => {
    await as.communityFinance
      .post(`${path}/benefits/b-3y/validation`, { validatedValuePence: 3_000_000, note: 'agreed', source })
      .expect(201);
    const r = await as.communityFinance.post(actuals, actual('2019/20', 2_900_000, 97)).expect(201);
    expect(r.body).toMatchObject({ interventionId: INTERVENTION, benefitId: 'b-3y', financialYear: '2019/20' });
    await as.communityFinance.post(actuals, actual('2020/21', 2_000_000, 67)).expect(201);
  });

  it.each([
    ['a contributor of the landing organisation', () => as.community],
    ['finance of the lead organisation (not where it lands)', () => as.acuteFinance],
    ['finance of an organisation it does not touch', () => as.gpFinance],
    ['an auditor', () => as.auditor],
  ])('refuses %s (403), appending nothing', async (_who, who) => {
    const before = t.logLength();
    expect((await who().post(actuals, actual('2021/22', 1))).status).toBe(403);
    expect(t.logLength()).toBe(before);
  });

  it.each([
    ['a year the benefit did not forecast', actual('2022/23', 1), 422, 'actual-outside-forecast'],
    [
      "another unit than the benefit's",
      { ...actual('2021/22', 1), quantity: { value: 1, unit: 'hours' } },
      422,
      'actual-unit-mismatch',
    ],
    ['a second actual for a year', actual('2019/20', 1), 409, 'actual-exists'],
  ])('refuses %s, appending nothing', async (_what, body, status, rule) => {
    const before = t.logLength();
    const r = await as.communityFinance.post(actuals, body);
    expect({ status: r.status, rule: r.body.rule }).toEqual({ status, rule });
    expect(t.logLength()).toBe(before);
  });

  it.each([
    ['no source', { financialYear: '2021/22', valuePence: 1, quantity: { value: 1, unit: 'bed-days' } }, 'source'],
    ['negative pence', { ...actual('2021/22', -1) }, 'valuePence'],
    ['a field it does not take', { ...actual('2021/22', 1), note: 'x' }, 'note'],
  ])('refuses a body with %s (400 naming the field), appending nothing', async (_what, body, field) => {
    const before = t.logLength();
    const r = await as.communityFinance.post(actuals, body);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(t.logLength()).toBe(before);
  });

  it('shows forecast, actual and variance per year, and flags the year short of 80% and the due year with nothing', async () => {
    const plan = (await as.auditor.get(`${path}/plan-against-actual?throughYear=2021/22`).expect(200)).body;
    expect(plan).toMatchObject({
      interventionId: INTERVENTION,
      thresholdPercent: 80,
      throughYear: '2021/22',
      flaggedBenefitIds: ['b-3y'],
    });
    const benefit = plan.benefits.find((b: { benefitId: string }) => b.benefitId === 'b-3y');
    expect(
      benefit.years.map((y: Record<string, unknown>) => [
        y.financialYear,
        y.forecastPence,
        y.actualPence,
        y.variancePence,
        y.flag,
        y.actualQuantity,
      ]),
    ).toEqual([
      ['2019/20', 3_000_000, 2_900_000, -100_000, null, 97],
      ['2020/21', 3_000_000, 2_000_000, -1_000_000, 'below-threshold', 67],
      ['2021/22', 2_000_000, null, -2_000_000, 'not-recorded', null],
    ]);
    expect(benefit).toMatchObject({
      forecastPence: 8_000_000,
      actualPence: 4_900_000,
      variancePence: -3_100_000,
      flagged: true,
    });
    // the intervention's roll-up adds its validated benefits, year by year, to the penny
    expect(plan.years.find((y: { financialYear: string }) => y.financialYear === '2020/21')).toEqual({
      financialYear: '2020/21',
      forecastPence: 3_000_000,
      actualPence: 2_000_000,
      variancePence: -1_000_000,
    });
    expect(plan.variancePence).toBe(plan.actualPence - plan.forecastPence);
  });

  it('judges no year due before throughYear: a later year with nothing recorded is not flagged', async () => {
    const plan = (await as.auditor.get(`${path}/plan-against-actual?throughYear=2020/21`).expect(200)).body;
    expect(plan.benefits[0].years.map((y: { flag: string | null }) => y.flag)).toEqual([null, 'below-threshold', null]);
  });

  it('rolls up across the portfolio by landing organisation, with the benefits paged', async () => {
    const all = (await as.auditor.get('/portfolio/plan-against-actual?throughYear=2021/22&limit=1').expect(200)).body;
    expect(all.organisations).toEqual([
      expect.objectContaining({
        organisationId: COMMUNITY,
        forecastPence: 8_000_000,
        actualPence: 4_900_000,
        variancePence: -3_100_000,
      }),
    ]);
    expect(all).toMatchObject({ flaggedCount: 1, benefits: { total: 1, offset: 0, limit: 1 } });
    const elsewhere = (await as.auditor.get(`/portfolio/plan-against-actual?organisationId=${GP}`).expect(200)).body;
    expect(elsewhere).toMatchObject({
      organisationId: GP,
      forecastPence: 0,
      actualPence: 0,
      organisations: [],
      benefits: { total: 0, items: [] },
    });
  });

  it.each([
    ['/portfolio/plan-against-actual?colour=blue', 'colour'],
    ['/portfolio/plan-against-actual?limit=501', 'limit'],
    ['/portfolio/plan-against-actual?throughYear=2019', 'throughYear'],
    [`${path}/plan-against-actual?limit=5`, 'limit'],
  ])('refuses %s (400 naming the parameter)', async (url, field) => {
    const r = await as.auditor.get(url);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 404 for an intervention never registered, and 401 without a token', async () => {
    expect((await as.auditor.get('/interventions/nope/plan-against-actual')).status).toBe(404);
    expect((await t.http.get('/portfolio/plan-against-actual')).status).toBe(401);
  });
});

describe('the slip threshold is configurable (BENEFIT_SLIP_THRESHOLD_PERCENT)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ benefitSlipThresholdPercent: 60 });
    const as = await seedSystem(t, { withRelease: false });
    await as.acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-3y', profile })).expect(201);
    await as.communityFinance
      .post(`${path}/benefits/b-3y/validation`, { validatedValuePence: 3_000_000, note: 'agreed', source })
      .expect(201);
    await as.communityFinance
      .post(`${path}/benefits/b-3y/actuals`, {
        financialYear: '2020/21',
        valuePence: 2_000_000,
        quantity: { value: 67, unit: 'bed-days' },
        source,
      })
      .expect(201);
  });
  afterAll(() => t.stop());

  it('does not flag a year at two thirds of forecast when the threshold is 60%', async () => {
    const plan = (
      await (await t.as('auditor', ACUTE)).get(`${path}/plan-against-actual?throughYear=2019/20`).expect(200)
    ).body;
    expect(plan.thresholdPercent).toBe(60);
    const years = plan.benefits.find((b: { benefitId: string }) => b.benefitId === 'b-3y').years;
    expect(years.map((y: { flag: string | null }) => y.flag)).toEqual(['not-recorded', null, null]);
  });
});
