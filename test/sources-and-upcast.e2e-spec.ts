import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { AppConfig, mintToken } from '@benefit-ledger/application';
import { Role } from '@benefit-ledger/domain';
import { SqliteEventStore, sqliteFile } from '@benefit-ledger/event-store';
import { createApp } from '../apps/api/src/create-app';
import { ACUTE, COMMUNITY, INTERVENTION, seedSystem, source, withSeededSystem } from './support/fixtures';
import { TestApp } from './support/test-app';

const path = `/interventions/${INTERVENTION}`;
const release = `${path}/capacity-releases/r-1`;

/** Every traced event of the figure behind `ref`, by type. */
async function tracedEvents(get: (url: string) => request.Test, ref: string) {
  const trace = (await get(`/trace?figure=${encodeURIComponent(ref)}`).expect(200)).body;
  return trace.events as { type: string; source: unknown; sourceNote: string | null; position: number }[];
}

describe('a data source on validations, releases, harvests, cash releases and reinvestments', () => {
  const suite = withSeededSystem();
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  beforeAll(async () => {
    ({ t, as } = suite);
    await as.community
      .post(`${release}/harvests`, { harvest: 'cash-release', quantity: 10, rationale: 'ward closed', source })
      .expect(201);
    await as.community
      .post(`${release}/harvests`, { harvest: 'reinvest', quantity: 10, rationale: 'electives', source })
      .expect(201);
  });

  const into = { description: 'electives', organisationId: ACUTE };
  it.each([
    [
      'validation',
      () => as.communityFinance.post(`${path}/benefits/b-cap/validation`, { validatedValuePence: 1, note: 'x' }),
    ],
    [
      'release',
      () =>
        as.acute.post(`${path}/capacity-releases`, {
          benefitId: 'b-cap',
          resource: 'beds',
          quantity: 1,
          landingOrganisationId: COMMUNITY,
          financialYear: '2019/20',
        }),
    ],
    [
      'harvest',
      () => as.community.post(`${release}/harvests`, { harvest: 'unharvested', quantity: 1, rationale: 'x' }),
    ],
    ['cash release', () => as.communityFinance.post(`${release}/cash-releases`, { amountPence: 1, budgetLine: 'x' })],
    ['reinvestment', () => as.community.post(`${release}/reinvestments`, { quantity: 1, into })],
  ] as const)('refuses a %s without a source (400 naming it), appending nothing', async (_what, send) => {
    const before = t.logLength();
    const r = await send();
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('source');
    expect(t.logLength()).toBe(before);
  });

  it('records the source in the event, at schema version 2, and a trace shows it', async () => {
    await as.communityFinance
      .post(`${release}/cash-releases`, {
        amountPence: 300_000,
        budgetLine: 'ward 3',
        source: { system: 'ledger', reference: 'virement 7' },
      })
      .expect(201);
    await as.community
      .post(`${release}/reinvestments`, {
        quantity: 5,
        into,
        source: { system: 'PAS', reference: 'elective activity' },
      })
      .expect(201);
    const db = new Database(sqliteFile(t.config.dataDir), { readonly: true });
    const rows = db
      .prepare('SELECT type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision')
      .all(`intervention-${INTERVENTION}`) as { type: string; data: string; metadata: string }[];
    db.close();
    const byType = (type: string) =>
      rows
        .filter((r) => r.type === type)
        .map((r) => ({ data: JSON.parse(r.data), version: JSON.parse(r.metadata).schemaVersion }));
    for (const type of [
      'BenefitValidated',
      'CapacityReleased',
      'CapacityHarvested',
      'CashReleased',
      'CapacityReinvested',
    ]) {
      for (const e of byType(type))
        expect({ type, version: e.version, source: e.data.source }).toEqual({
          type,
          version: 2,
          source: expect.objectContaining({ system: expect.any(String) }),
        });
    }
    expect(byType('CashReleased')[0].data.source).toEqual({ system: 'ledger', reference: 'virement 7' });
    expect(byType('BenefitClaimed')[0].version).toBe(2); // version 2 carries the benefits register

    const value = (await as.auditor.get(`/organisations/${COMMUNITY}/value`).expect(200)).body;
    const events = await tracedEvents(as.auditor.get, value.landedHere.totalPence.ref);
    const validation = events.find((e) => e.type === 'BenefitValidated')!;
    expect(validation).toMatchObject({ source, sourceNote: null });
  });
});

/**
 * A ledger written before sources and validated quantities were recorded: its events are stored as they were
 * (schema version 1), so the hash chain is untouched; they verify, fold and trace, read through the upcast.
 */
describe('events written before sources were required', () => {
  let dataDir: string;
  let app: INestApplication;
  const secret = 'test-secret-not-for-production';
  const config = (): AppConfig => ({ port: 0, dataDir, jwtSecret: secret, bodyLimitBytes: 64 * 1024 });
  const as = async (role: Role, organisationId: string) => {
    const token = await mintToken(secret, { sub: `${role}@${organisationId}`, role, organisationId });
    return {
      get: (url: string) => request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`),
      post: (url: string, body: object) =>
        request(app.getHttpServer()).post(url).set('Authorization', `Bearer ${token}`).send(body),
    };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-v1-'));
    ({ app } = await createApp(config(), false));
    await app.init();
    // b-cap claimed (100 bed-days at £30,000.00) through today's API; no validation, no release
    await seedSystem({ as: (role: Role, organisationId: string) => as(role, organisationId) } as unknown as TestApp, {
      withRelease: false,
    });
    await (
      await as('partnership-lead', ACUTE)
    )
      .post('/partnerships', {
        partnershipId: 'p-old',
        name: 'An older partnership',
        members: [
          { organisationId: ACUTE, role: 'lead' },
          { organisationId: COMMUNITY, role: 'member' },
        ],
      })
      .expect(201);
    await app.close();

    // what an earlier version wrote: no source, no validated quantity, schema version 1, hash chain and all
    const store = new SqliteEventStore(sqliteFile(dataDir));
    const stream = `intervention-${INTERVENTION}`;
    const v1 = (type: string, data: Record<string, unknown>, role: Role, organisationId: string) => ({
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        recordedAt: new Date().toISOString(),
        actor: { userId: `${role}@${organisationId}`, organisationId, role },
        correlationId: 'v1',
        causationId: 'v1',
        schemaVersion: 1,
      },
    });
    const revision = (await store.readStream(stream)).length - 1;
    await store.append(
      stream,
      [
        v1(
          'BenefitValidated',
          { benefitId: 'b-cap', validatedValuePence: 2_000_000, note: 'checked' },
          'finance',
          COMMUNITY,
        ),
        v1(
          'CapacityReleased',
          {
            releaseId: 'r-1',
            benefitId: 'b-cap',
            resource: 'bed-days',
            quantity: 100,
            landingOrganisationId: COMMUNITY,
            financialYear: '2019/20',
          },
          'contributor',
          ACUTE,
        ),
        v1(
          'CapacityHarvested',
          { releaseId: 'r-1', harvest: 'cash-release', quantity: 30, rationale: 'ward closed' },
          'contributor',
          COMMUNITY,
        ),
      ],
      revision,
    );
    // a partnership cost from before costs were typed
    await store.append(
      'partnership-p-old',
      [
        v1(
          'PartnershipCostRecorded',
          {
            costId: 'coaching',
            category: 'coaching',
            amountPence: 100_000,
            financialYear: '2019/20',
            bearerOrganisationId: ACUTE,
            source: { system: 'ledger', reference: 'old' },
          },
          'partnership-lead',
          ACUTE,
        ),
      ],
      0,
    );
    await store.close();

    ({ app } = await createApp(config(), false));
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('still verifies: the stored events are untouched', async () => {
    const verify = (await (await as('auditor', ACUTE)).get('/audit/verify').expect(200)).body;
    expect(verify).toMatchObject({ ok: true });
  });

  it('reads the validation as validating the quantity claimed', async () => {
    const state = (await (await as('auditor', ACUTE)).get(path).expect(200)).body;
    expect(state.benefits[0]).toMatchObject({
      benefitId: 'b-cap',
      status: 'validated',
      validatedValuePence: 2_000_000,
      validatedQuantity: 100,
    });
    expect(state.capacityReleases[0]).toMatchObject({
      releaseId: 'r-1',
      released: 100,
      harvested: { 'cash-release': 30 },
    });
  });

  it('traces the old validation with "source not recorded", the claim with its source', async () => {
    const auditor = await as('auditor', ACUTE);
    const value = (await auditor.get(`/organisations/${COMMUNITY}/value`).expect(200)).body;
    const events = await tracedEvents(auditor.get, value.landedHere.totalPence.ref);
    expect(events.find((e) => e.type === 'BenefitValidated')).toMatchObject({
      source: null,
      sourceNote: 'source not recorded',
    });
    expect(events.find((e) => e.type === 'BenefitClaimed')).toMatchObject({ source, sourceNote: null });
  });

  it('reads a partnership cost recorded before costs were typed as direct', async () => {
    const p = (await (await as('auditor', ACUTE)).get('/partnerships/p-old').expect(200)).body;
    expect(p.costs).toEqual([
      expect.objectContaining({ costId: 'coaching', costType: 'direct', amountPence: 100_000 }),
    ]);
  });

  it('takes new commands on the old release, within the limits the old validation sets', async () => {
    const communityFinance = await as('finance', COMMUNITY);
    // 30 bed-days at £200.00 (validated £20,000.00 for the 100 claimed) are worth £6,000.00
    const before = (await (await as('auditor', ACUTE)).get(path).expect(200)).body.revision;
    const over = await communityFinance.post(`${release}/cash-releases`, {
      amountPence: 600_001,
      budgetLine: 'ward 3',
      source,
    });
    expect({ status: over.status, rule: over.body.rule }).toEqual({ status: 422, rule: 'cash-exceeds-harvest-value' });
    expect((await (await as('auditor', ACUTE)).get(path).expect(200)).body.revision).toBe(before);
    await communityFinance
      .post(`${release}/cash-releases`, { amountPence: 600_000, budgetLine: 'ward 3', source })
      .expect(201);
    await (
      await as('contributor', COMMUNITY)
    )
      .post(`${release}/harvests`, { harvest: 'unharvested', quantity: 70, rationale: 'absorbed', source })
      .expect(201);
  });
});
