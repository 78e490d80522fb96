import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { AppConfig, mintToken } from '@benefit-ledger/application';
import { MAX_PENCE_PER_FIGURE, Role } from '@benefit-ledger/domain';
import { SqliteEventStore, sqliteFile } from '@benefit-ledger/event-store';
import { createApp } from '../apps/api/src/create-app';
import {
  ACUTE,
  COMMUNITY,
  INTERVENTION,
  benefitBody,
  costBody,
  seedSystem,
  source,
  withSeededSystem,
} from './support/fixtures';
import { TestApp } from './support/test-app';

const HUGE = 9_007_199_254_740_991; // Number.MAX_SAFE_INTEGER: inside the range the DTO takes, far beyond the ceiling per figure
const path = `/interventions/${INTERVENTION}`;
const REPORT = {
  organisationId: COMMUNITY,
  financialYear: '2019/20',
  source,
  totalPence: 1_000,
  lines: [{ lineId: 'L1', description: 'bed-days', amountPence: 1_000, cashReleasing: false, recurrent: true }],
};
const FIGURES = [
  `${path}/value`,
  `/organisations/${ACUTE}/value?financialYear=2019/20`,
  `/organisations/${COMMUNITY}/value`,
  '/system/flows?financialYear=2019/20',
  '/capacity',
  `/finance/reconciliation?organisationId=${COMMUNITY}&financialYear=2019/20`,
];

describe('money has a ceiling per figure, and no total can overflow', () => {
  const suite = withSeededSystem();

  const refused = async (send: () => Promise<request.Response>, rule: string, field: string) => {
    const before = suite.t.logLength();
    const r = await send();
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ statusCode: 422, rule, field });
    expect(r.body.message).toContain('£1,000,000,000.00');
    expect(suite.t.logLength()).toBe(before);
  };

  it('refuses the cost that used to poison every figure (2^53 − 1 pence) with 422, appends nothing, and every figure still answers', async () => {
    const { as } = suite;
    await as.communityFinance.post('/finance/reports', REPORT).expect(201);
    await refused(
      () => as.acute.post(`${path}/costs`, costBody({ amountPence: HUGE })),
      'money-ceiling',
      'amountPence',
    );
    for (const figure of FIGURES) {
      const r = await as.auditor.get(figure);
      expect({ figure, status: r.status }).toEqual({ figure, status: 200 });
    }
    await as.acute
      .post(`${path}/benefits`, benefitBody({ benefitId: 'b-after', landingOrganisationId: ACUTE }))
      .expect(201);
    await as.acuteFinance
      .post(`${path}/benefits/b-after/validation`, { validatedValuePence: 3_000_000, note: 'checked', source })
      .expect(201);
  });

  it('takes a figure at the ceiling exactly and refuses a penny more', async () => {
    const { as } = suite;
    await as.acute.post(`${path}/costs`, costBody({ amountPence: MAX_PENCE_PER_FIGURE })).expect(201);
    await refused(
      () => as.acute.post(`${path}/costs`, costBody({ amountPence: MAX_PENCE_PER_FIGURE + 1 })),
      'money-ceiling',
      'amountPence',
    );
    const value = await as.auditor.get(`${path}/value`).expect(200);
    expect(value.body.costs.totalPence.pence).toBe(MAX_PENCE_PER_FIGURE);
  });

  it('refuses a valuation that would come to more than the ceiling (quantity × unit value), naming valuePence', async () => {
    const { as } = suite;
    const body = benefitBody({
      benefitId: 'b-vast',
      quantity: { value: 2_000, unit: 'bed-days' },
      valuation: { method: 'unit-cost', unitValuePence: 100_000_000 },
      valuePence: 200_000_000_000,
    });
    await refused(() => as.acute.post(`${path}/benefits`, body), 'money-ceiling', 'valuePence');
  });

  it('refuses a waste-reduction report line beyond the ceiling, naming the line', async () => {
    const { as } = suite;
    const report = {
      organisationId: COMMUNITY,
      financialYear: '2019/20',
      source,
      totalPence: 100_000_000_000_00 + 1_000,
      lines: [
        { lineId: 'L1', description: 'beds', amountPence: 1_000, cashReleasing: false, recurrent: true },
        { lineId: 'L2', description: 'typo', amountPence: 100_000_000_000_00, cashReleasing: true, recurrent: false },
      ],
    };
    await refused(() => as.communityFinance.post('/finance/reports', report), 'money-ceiling', 'lines[1].amountPence');
  });
});

describe('a stored event beyond the ceiling (written before it was enforced) stops nothing', () => {
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
  let poisonPosition: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-poison-'));
    ({ app } = await createApp(config(), false));
    await app.init();
    // seedSystem drives the API through a TestApp-like object; this one is enough for it
    await seedSystem({ as: (role: Role, organisationId: string) => as(role, organisationId) } as unknown as TestApp, {
      withRelease: false,
    });
    await (await as('contributor', ACUTE)).post(`${path}/costs`, costBody()).expect(201);
    await (await as('finance', COMMUNITY)).post('/finance/reports', REPORT).expect(201);
    await app.close();

    // what an earlier version accepted: appended straight to the log, hash chain and all
    const store = new SqliteEventStore(sqliteFile(dataDir));
    const revision = (await store.readStream(`intervention-${INTERVENTION}`)).length - 1;
    const appended = await store.append(
      `intervention-${INTERVENTION}`,
      [
        {
          eventId: randomUUID(),
          type: 'CostRecorded',
          data: {
            costId: 'c-legacy',
            costType: 'direct',
            category: 'typo',
            amountPence: HUGE,
            financialYear: '2019/20',
            bearerOrganisationId: ACUTE,
            source,
          },
          metadata: {
            recordedAt: new Date().toISOString(),
            actor: { userId: `contributor@${ACUTE}`, organisationId: ACUTE, role: 'contributor' },
            correlationId: 'legacy',
            causationId: 'legacy',
            schemaVersion: 1,
          },
        },
      ],
      revision,
    );
    poisonPosition = appended.position;
    await store.close();

    ({ app } = await createApp(config(), false));
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every figure answers, and leaves the stored figure out of its totals', async () => {
    const auditor = await as('auditor', ACUTE);
    for (const figure of FIGURES) {
      const r = await auditor.get(figure);
      expect({ figure, status: r.status }).toEqual({ figure, status: 200 });
      expect(JSON.stringify(r.body)).not.toContain(String(HUGE));
    }
    const value = await auditor.get(`${path}/value`).expect(200);
    expect(value.body.costs.totalPence.pence).toBe(100_000);
    expect(value.body.excludedFigures).toEqual([
      `cost 'c-legacy': amountPence exceeds the ceiling of £1,000,000,000.00 (100000000000 pence) per figure`,
    ]);
  });

  it('names the event by position, with the reason, at GET /audit/unfolded', async () => {
    const r = await (await as('auditor', ACUTE)).get('/audit/unfolded').expect(200);
    expect(r.body).toEqual({
      count: 1,
      events: [
        {
          position: poisonPosition,
          streamId: `intervention-${INTERVENTION}`,
          type: 'CostRecorded',
          recordedAt: expect.any(String),
          reason: `amount_pence is not a whole number of pence from 0 to ${MAX_PENCE_PER_FIGURE} (the ceiling per figure)`,
        },
      ],
    });
    await (await as('contributor', ACUTE)).get('/audit/unfolded').expect(403);
  });

  it('later commands on the same intervention still work', async () => {
    const acute = await as('contributor', ACUTE);
    await acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-2', landingOrganisationId: ACUTE })).expect(201);
    await (
      await as('finance', ACUTE)
    )
      .post(`${path}/benefits/b-2/validation`, { validatedValuePence: 2_000_000, note: 'ok', source })
      .expect(201);
    const flows = await (await as('auditor', ACUTE)).get('/system/flows?financialYear=2019/20').expect(200);
    expect(flows.body.totals.validatedPence.pence).toBe(2_000_000);
  });
});
