import Database from 'better-sqlite3';
import { sqliteFile } from '@benefit-ledger/event-store';
import { ACUTE, COMMUNITY, GP, ICB, INTERVENTION, benefitBody, costBody, seedSystem, source } from './support/fixtures';
import { plainFigures } from './support/plain-figures';
import { TestApp } from './support/test-app';

describe('an intervention through the HTTP API, end to end', () => {
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  const path = `/interventions/${INTERVENTION}`;

  beforeAll(async () => {
    t = await TestApp.start();
    // the capacity benefit validated by the community trust at £25,000.00 for its 100 bed-days (£250.00 each), then released
    as = await seedSystem(t, { validatedValuePence: 2_500_000 });
  });
  afterAll(() => t.stop());

  it('answers health without a token and serves the OpenAPI document listing every command', async () => {
    await t.http.get('/health').expect(200, { status: 'ok' });
    const docs = await t.http.get('/docs-json').expect(200);
    for (const p of [
      '/organisations',
      '/interventions',
      '/interventions/{id}/costs',
      '/interventions/{id}/benefits/{benefitId}/validation',
      '/interventions/{id}/capacity-releases/{releaseId}/reinvestments',
      '/interventions/{id}/value',
      '/audit/verify',
    ]) {
      expect(docs.body.paths).toHaveProperty([p]);
    }
    const costSchema = docs.body.components.schemas.RecordCostDto;
    expect(costSchema.required).toEqual(expect.arrayContaining(['amountPence', 'financialYear', 'source']));
  });

  it('records decisions, costs by several bearers, measurements, claims, validation and rejection, and values it to the penny', async () => {
    const decision = await as.acute.post(`${path}/decisions`, {
      decision: 'approve',
      rationale: 'board approved',
      decidedOn: '2019-04-01',
    });
    expect(decision.status).toBe(201);
    expect(decision.body).toMatchObject({ interventionId: INTERVENTION, streamId: `intervention-${INTERVENTION}` });
    expect(decision.body.revision).toBe(4); // registered, claimed, validated, released: this is the fifth event
    expect(decision.body.position).toBeGreaterThan(0);

    await as.acute.post(`${path}/costs`, costBody({ costId: 'c1', amountPence: 1_000_000 })).expect(201);
    await as.acute
      .post(
        `${path}/costs`,
        costBody({ costId: 'c2', costType: 'indirect', amountPence: 333_333, bearerOrganisationId: GP }),
      )
      .expect(201);
    await as.acuteFinance
      .post(`${path}/costs`, costBody({ costId: 'c3', amountPence: 1, bearerOrganisationId: ICB }))
      .expect(201);
    const m = await as.acute.post(`${path}/measurements`, {
      measure: 'LOS',
      unit: 'days',
      kind: 'baseline',
      value: 11.4,
      periodStart: '2018-04-01',
      periodEnd: '2019-03-31',
      source,
    });
    expect(m.status).toBe(201);
    expect(m.body.measurementId).toEqual(expect.any(String));

    const claimed = await as.acute.post(
      `${path}/benefits`,
      benefitBody({
        benefitType: 'cost-avoidance',
        valuation: { method: 'actual' },
        valuePence: 2_000_001,
        landingOrganisationId: ACUTE,
        evidence: [m.body.measurementId],
      }),
    );
    expect(claimed.status).toBe(201);
    const rejected = await as.acute.post(
      `${path}/benefits`,
      benefitBody({ benefitType: 'quality', lens: 'social', valuation: { method: 'estimate' }, valuePence: 500 }),
    );

    await as.acuteFinance
      .post(`${path}/benefits/${claimed.body.benefitId}/validation`, {
        validatedValuePence: 2_000_001,
        note: 'ok',
        source,
      })
      .expect(201);
    await as.acuteFinance
      .post(`${path}/benefits/${rejected.body.benefitId}/rejection`, { reason: 'no evidence' })
      .expect(201);

    const value = await as.auditor.get(`${path}/value`).expect(200);
    const plain = plainFigures(value.body);
    expect(plain.costs).toMatchObject({
      directPence: 1_000_001,
      indirectPence: 333_333,
      totalPence: 1_333_334,
      byBearer: { [ACUTE]: 1_000_000, [GP]: 333_333, [ICB]: 1 },
    });
    // the capacity benefit was released but nothing harvested yet: validated, not realised
    expect(plain.benefits).toEqual({
      claimedPence: 3_000_000 + 2_000_001 + 500,
      validatedPence: 4_500_001,
      realisedPence: 2_000_001,
      rejectedPence: 500,
    });
    expect(plain.byType.capacity).toEqual({
      claimedPence: 3_000_000,
      validatedPence: 2_500_000,
      realisedPence: 0,
      rejectedPence: 0,
    });
    expect(plain.netValuePence).toBe(4_500_001 - 1_333_334);
    // 4,500,001 / 1,333,334 = 3.37499...: £3.37 per £1 (not £3.38)
    expect(value.body.roi.perPound).toBe('£3.37 per £1');
    expect(value.body.roi.ratio).toBeCloseTo(4_500_001 / 1_333_334, 12);
  });

  it('records capacity harvested as cash, reinvestment and unharvested, by the organisation where it landed', async () => {
    const release = `${path}/capacity-releases/r-1`;
    await as.community
      .post(`${release}/harvests`, { harvest: 'cash-release', quantity: 40.5, rationale: 'ward closed', source })
      .expect(201);
    // at most the harvest at the validated unit value: 40.5 × £250.00
    await as.communityFinance
      .post(`${release}/cash-releases`, { amountPence: 1_012_500, budgetLine: 'ward 3', source })
      .expect(201);
    await as.community
      .post(`${release}/harvests`, { harvest: 'reinvest', quantity: 30.25, rationale: 'electives', source })
      .expect(201);
    await as.community
      .post(`${release}/reinvestments`, {
        quantity: 30.25,
        into: { description: 'electives', organisationId: ACUTE },
        valuePence: 756_250,
        source,
      })
      .expect(201);
    await as.community
      .post(`${release}/harvests`, { harvest: 'unharvested', quantity: 29.25, rationale: 'absorbed', source })
      .expect(201);
    const state = await as.auditor.get(path).expect(200);
    expect(state.body.capacityReleases[0]).toMatchObject({
      released: 100,
      harvested: { 'cash-release': 40.5, reinvest: 30.25, unharvested: 29.25 },
      undecided: 0,
      reinvested: 30.25,
      cashReleasedPence: 1_012_500,
    });
    // exactly all of it is harvested: one more hundredth is refused
    const more = await as.community.post(`${release}/harvests`, {
      harvest: 'unharvested',
      quantity: 0.01,
      rationale: 'x',
      source,
    });
    expect(more.status).toBe(422);
  });

  it('writes every event with the design metadata and a hash chain, and the log verifies', async () => {
    const r = await as.acute.post(
      `${path}/decisions`,
      { decision: 'start', rationale: 'go' },
      { 'X-Correlation-Id': 'corr-e2e-1' },
    );
    expect(r.status).toBe(201);
    const db = new Database(sqliteFile(t.config.dataDir), { readonly: true });
    const row = db.prepare('SELECT * FROM events WHERE event_id = ?').get(r.body.eventIds[0]) as {
      metadata: string;
      data: string;
      type: string;
    };
    db.close();
    expect(row.type).toBe('InterventionDecisionRecorded');
    expect(JSON.parse(row.data)).toMatchObject({
      decision: 'start',
      rationale: 'go',
      decidedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const metadata = JSON.parse(row.metadata);
    expect(metadata).toMatchObject({
      eventId: r.body.eventIds[0],
      actor: { userId: `contributor@${ACUTE}`, organisationId: ACUTE, role: 'contributor' },
      correlationId: 'corr-e2e-1',
      causationId: expect.any(String),
      schemaVersion: 1,
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(new Date(metadata.recordedAt).toISOString()).toBe(metadata.recordedAt);
    const verify = await as.auditor.get('/audit/verify').expect(200);
    expect(verify.body).toEqual({ ok: true, events: t.logLength(), streams: 5, seals: [], missingPositions: [] });
  });

  it('answers 201 with the expected revision given in If-Match, and 409 with it stale, appending nothing', async () => {
    const current: number = (await as.auditor.get(path).expect(200)).body.revision;
    const ok = await as.acute.post(
      `${path}/decisions`,
      { decision: 'pause', rationale: 'winter' },
      { 'If-Match': `"${current}"` },
    );
    expect(ok.status).toBe(201);
    expect(ok.body.revision).toBe(current + 1);
    const before = t.logLength();
    const stale = await as.acute.post(
      `${path}/decisions`,
      { decision: 'start', rationale: 'resume' },
      { 'If-Match': `"${current}"` },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain(`revision ${current + 1}, not ${current}`);
    expect(t.logLength()).toBe(before);
  });

  it('registers ids when the client gives none, and an ICB as its own system', async () => {
    const r = await as.admin.post('/organisations', { name: 'Another ICB', type: 'icb' });
    expect(r.status).toBe(201);
    expect(r.body.organisationId).toMatch(/^[0-9a-f-]{36}$/);
    const org = await as.auditor.get(`/organisations/${r.body.organisationId}`).expect(200);
    expect(org.body).toMatchObject({ name: 'Another ICB', type: 'icb', system: r.body.organisationId });
    await as.auditor.get(`/organisations/${COMMUNITY}`).expect(200);
  });
});
