import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { JwtService } from '@nestjs/jwt';
import {
  IDEMPOTENT_RESPONSE_RECORDED,
  actorFromToken,
  eventMetadata,
  jwtSecretFile,
  legacyIdempotencyStreamId,
  loadConfig,
  requestFingerprint,
} from '@benefit-ledger/application';
import { Actor, Role } from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { ACUTE, GP, ICB, INTERVENTION, costBody, seedSystem, source, withSeededSystem } from './support/fixtures';
import { createApp } from '../apps/api/src/create-app';
import { runCli } from './support/run-cli';
import { TestApp } from './support/test-app';

/**
 * The loose edges of access, idempotency and dates, probed through the real API on a real SQLite file: tokens
 * must expire within the maximum lifetime, Idempotency-Keys belong to (user, organisation, role), and years,
 * dates and instants take one written form each. Every refusal appends nothing.
 */
describe('access edges: token lifetime, idempotency scope, years and dates', () => {
  const suite = withSeededSystem();
  const path = `/interventions/${INTERVENTION}`;
  const costs = `${path}/costs`;
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  beforeAll(() => ({ t, as } = suite));

  /** Sends, then checks the status, that the message (or the body) says `mentions`, and that nothing was appended. */
  const refused = async (send: () => request.Test, status: number, mentions: (string | RegExp)[]) => {
    const before = t.logLength();
    const r = await send();
    expect({ status: r.status, body: r.body }).toMatchObject({ status, body: { statusCode: status } });
    for (const m of mentions) expect(JSON.stringify(r.body)).toMatch(m);
    expect(t.logLength()).toBe(before);
    return r;
  };
  const now = () => Math.floor(Date.now() / 1000);
  /** Signed with the API's secret; jsonwebtoken adds iat unless told not to. */
  const sign = (payload: Record<string, unknown>, options: { noTimestamp?: boolean } = {}) =>
    new JwtService({ secret: t.secret }).signAsync(payload, options);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** A client holding a token for `sub` acting for `organisationId` in `role`. */
  const actingAs = async (sub: string, role: Role, organisationId: string) => {
    const headers = bearer(await t.token(role, organisationId, sub));
    return {
      post: (url: string, body: object, key?: string) =>
        t.http
          .post(url)
          .set({ ...headers, ...(key ? { 'Idempotency-Key': key } : {}) })
          .send(body),
      get: (url: string) => t.http.get(url).set(headers),
    };
  };

  describe('bearer tokens must expire within TOKEN_MAX_LIFETIME_HOURS (24 h by default)', () => {
    const claims = { sub: 'ann@acute', role: 'contributor', organisationId: ACUTE };

    it('refuses a correctly signed token without exp (401, naming the rule), on writes and reads', async () => {
      const token = await sign({ ...claims });
      const r = await refused(() => t.http.post(costs).set(bearer(token)).send(costBody()), 401, [
        /bearer token has no exp: every token must expire/,
        /TOKEN_MAX_LIFETIME_HOURS/,
      ]);
      expect(r.body.message).toMatch(/at most 24 h/);
      await t.http.get(`${path}/value`).set(bearer(token)).expect(401);
    });

    it('refuses a token whose exp is more than 24 h after its iat (401)', async () => {
      const token = await sign({ ...claims, iat: now(), exp: now() + 30 * 24 * 3600 });
      await refused(() => t.http.post(costs).set(bearer(token)).send(costBody()), 401, [
        /bearer token lives too long: exp is 720 h after iat, at most 24 h/,
      ]);
    });

    it('refuses a token without iat whose exp is more than 24 h ahead (401)', async () => {
      const token = await sign({ ...claims, exp: now() + 25 * 3600 }, { noTimestamp: true });
      await refused(() => t.http.post(costs).set(bearer(token)).send(costBody()), 401, [
        /bearer token lives too long: exp is 25 h from now/,
      ]);
    });

    it('applies TOKEN_MAX_LIFETIME_HOURS as configured', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-max-lifetime-'));
      const { app } = await createApp(
        loadConfig({ DATA_DIR: dataDir, JWT_SECRET: t.secret, TOKEN_MAX_LIFETIME_HOURS: '1' }),
        false,
      );
      try {
        await app.init();
        const get = (token: string) => request(app.getHttpServer()).get('/organisations/acute-a').set(bearer(token));
        const twoHours = await get(await sign({ ...claims, iat: now(), exp: now() + 2 * 3600 }));
        expect(twoHours.status).toBe(401);
        expect(twoHours.body.message).toMatch(
          /exp is 2 h after iat, at most 1 h is allowed \(TOKEN_MAX_LIFETIME_HOURS\)/,
        );
        expect((await get(await sign({ ...claims, iat: now(), exp: now() + 3600 }))).status).not.toBe(401);
      } finally {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('accepts a token that lives exactly the maximum, and one without iat expiring within it', async () => {
      await t.http
        .get(`${path}/value`)
        .set(bearer(await sign({ ...claims, iat: now(), exp: now() + 24 * 3600 })))
        .expect(200);
      await t.http
        .get(`${path}/value`)
        .set(bearer(await sign({ ...claims, exp: now() + 3600 }, { noTimestamp: true })))
        .expect(200);
    });
  });

  describe('`npm run cli -- token` issues tokens within the maximum lifetime', () => {
    let dataDir: string;
    beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'ledger-token-'))));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
    const token = (args: string[], env: Record<string, string> = {}) =>
      runCli(['token', '--sub', 'ann@example.nhs.uk', '--role', 'finance', '--organisation', ACUTE, ...args], {
        DATA_DIR: dataDir,
        ...env,
      });
    const lifetimeOf = (jwt: string) => {
      const { exp, iat } = new JwtService().decode<{ exp: number; iat: number }>(jwt);
      return (exp - iat) / 3600;
    };

    it('mints 12 h by default, or the maximum when TOKEN_MAX_LIFETIME_HOURS is less, and the API accepts it', async () => {
      const byDefault = token([]);
      expect(byDefault.status).toBe(0);
      expect(lifetimeOf(byDefault.stdout.trim())).toBe(12);
      const secret = readFileSync(jwtSecretFile(dataDir), 'utf8').trim();
      await expect(actorFromToken(secret, byDefault.stdout.trim())).resolves.toEqual({
        userId: 'ann@example.nhs.uk',
        role: 'finance',
        organisationId: ACUTE,
      });
      const shorter = token([], { TOKEN_MAX_LIFETIME_HOURS: '8' });
      expect(shorter.status).toBe(0);
      expect(lifetimeOf(shorter.stdout.trim())).toBe(8);
      expect(lifetimeOf(token(['--expires-in', '24h']).stdout.trim())).toBe(24);
    });

    it('refuses --expires-in beyond the maximum, or written otherwise, with a clear message and no token', () => {
      const tooLong = token(['--expires-in', '7d']);
      expect(tooLong.status).not.toBe(0);
      expect(tooLong.stdout).toBe('');
      expect(tooLong.stderr).toContain(
        "--expires-in: a token may live at most 24 h (TOKEN_MAX_LIFETIME_HOURS); '7d' is 168 h",
      );
      const beyondConfigured = token(['--expires-in', '12h'], { TOKEN_MAX_LIFETIME_HOURS: '8' });
      expect(beyondConfigured.stderr).toContain('at most 8 h');
      const unclear = token(['--expires-in', '90']);
      expect(unclear.status).not.toBe(0);
      expect(unclear.stderr).toContain('a whole number and a unit s, m, h or d');
      const badConfig = token([], { TOKEN_MAX_LIFETIME_HOURS: 'forever' });
      expect(badConfig.stderr).toContain('TOKEN_MAX_LIFETIME_HOURS must be a whole number of hours from 1 to 8760');
    });
  });

  describe('Idempotency-Keys belong to the user, organisation and role together', () => {
    it("never replays one organisation's answer to the same user acting for another: there it is refused by the access rules", async () => {
      const atAcute = await actingAs('sam@nhs.example', 'contributor', ACUTE);
      const atGp = await actingAs('sam@nhs.example', 'contributor', GP);
      const first = await atAcute.post(costs, costBody({ amountPence: 4_321 }), 'sam-1').expect(201);

      // GP does not lead the intervention: a refusal of its own, not ACUTE's 201 replayed
      const r = await refused(() => atGp.post(costs, costBody({ amountPence: 4_321 }), 'sam-1'), 403, [
        /led by its own organisation|lead organisation/,
      ]);
      expect(r.headers['idempotent-replayed']).toBeUndefined();
      expect(JSON.stringify(r.body)).not.toContain(first.body.costId);

      const retry = await atAcute.post(costs, costBody({ amountPence: 4_321 }), 'sam-1').expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
    });

    it('gives the same user acting for another organisation its own answer (its own generated id)', async () => {
      const forIcb = await actingAs('root@nhs.example', 'admin', ICB);
      const forAcute = await actingAs('root@nhs.example', 'admin', ACUTE);
      const body = { name: 'Northfield Hospice', type: 'other' };
      const first = await forIcb.post('/organisations', body, 'register-1').expect(201);
      const before = t.logLength();
      const second = await forAcute.post('/organisations', body, 'register-1');
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(second.body.organisationId).not.toBe(first.body.organisationId);
      expect(t.logLength()).toBe(before + 2); // its own OrganisationRegistered and recorded answer
      const replay = await forAcute.post('/organisations', body, 'register-1').expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(second.body);
    });

    it('gives the same user in another role its own answer', async () => {
      const contributor = await actingAs('kim@nhs.example', 'contributor', ACUTE);
      const finance = await actingAs('kim@nhs.example', 'finance', ACUTE);
      const first = await contributor.post(costs, costBody({ amountPence: 777 }), 'kim-1').expect(201);
      const second = await finance.post(costs, costBody({ amountPence: 777 }), 'kim-1').expect(201);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(second.body.costId).not.toBe(first.body.costId);
    });

    it('still finds an answer an older version recorded under the user alone, for the same organisation and role only', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const actor: Actor = { userId: 'old@nhs.example', organisationId: ACUTE, role: 'contributor' };
      const body = costBody({ amountPence: 1_234 });
      const oldAnswer = { costId: 'cost-recorded-by-an-older-version', eventIds: [], position: 1 };
      await store.append(
        legacyIdempotencyStreamId(actor.userId, 'old-key'),
        [
          {
            eventId: '00000000-0000-8000-8000-00000000a11d',
            type: IDEMPOTENT_RESPONSE_RECORDED,
            data: {
              requestHash: requestFingerprint('POST', costs, body),
              method: 'POST',
              path: costs,
              statusCode: 201,
              body: oldAnswer,
            },
            metadata: eventMetadata({
              now: new Date('2024-01-01T00:00:00Z'),
              actor,
              correlationId: 'c',
              causationId: 'c',
            }),
          },
        ],
        'no_stream',
      );

      const same = await actingAs(actor.userId, 'contributor', ACUTE);
      const before = t.logLength();
      const replay = await same.post(costs, body, 'old-key').expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(oldAnswer);
      expect(t.logLength()).toBe(before);

      const otherRole = await actingAs(actor.userId, 'finance', ACUTE);
      const own = await otherRole.post(costs, body, 'old-key').expect(201);
      expect(own.headers['idempotent-replayed']).toBeUndefined();
      expect(own.body.costId).not.toBe(oldAnswer.costId);
    });
  });

  describe('financial years: 2019/20 only, 1948/49 to 2099/00 (400 naming the field)', () => {
    it.each(['0000/01', '9999/00', '1947/48', '2100/01', '2019/21', '2019-20'])(
      'refuses %s in a body',
      async (financialYear) => {
        const r = await refused(() => as.acute.post(costs, costBody({ financialYear })), 400, [
          'financialYear must be a financial year like 2019/20',
          /1948\/49 to 2099\/00/,
        ]);
        expect(r.body.errors).toEqual([
          { field: 'financialYear', messages: [expect.stringContaining('financialYear')] },
        ]);
      },
    );

    it('accepts the ends of the range', async () => {
      await as.acute.post(costs, costBody({ financialYear: '1948/49' })).expect(201);
      await as.acute.post(costs, costBody({ financialYear: '2099/00' })).expect(201);
    });

    it.each(['0000/01', '9999/00'])('refuses %s in a query (?financialYear=)', async (financialYear) => {
      await refused(() => as.auditor.get(`/system/flows?financialYear=${encodeURIComponent(financialYear)}`), 400, [
        'financialYear must be a financial year like 2019/20',
      ]);
    });

    it.each(['0000-01', '9999-00', '1947-48'])('refuses %s in a path', async (year) => {
      await refused(() => as.admin.post(`/periods/${year}/close`, {}), 400, [
        'financialYear must be a financial year like 2019-20',
        /1948\/49 to 2099\/00/,
      ]);
      await refused(() => as.auditor.get(`/periods/${year}`), 400, [
        'financialYear must be a financial year like 2019-20',
      ]);
    });

    it('reads the last year in a path', async () => {
      await as.auditor.get('/periods/2099-00').expect(200);
    });
  });

  describe('dates: YYYY-MM-DD only, real days (400 naming the field)', () => {
    const measurement = (over: Record<string, unknown>) => ({
      measure: 'length of stay',
      unit: 'days',
      kind: 'baseline',
      value: 7.5,
      periodStart: '2019-04-01',
      periodEnd: '2019-06-30',
      source,
      ...over,
    });

    it.each(['20190401', '2019-W01-1', '2019-091', '2019-02-30', '2019-04-01T00:00:00Z', '1900-01-01'])(
      'refuses periodStart %s',
      async (periodStart) => {
        const r = await refused(() => as.acute.post(`${path}/measurements`, measurement({ periodStart })), 400, [
          'periodStart must be an ISO 8601 date written YYYY-MM-DD',
        ]);
        expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['periodStart']);
      },
    );

    it('refuses other forms in every date field: decidedOn, source.extractedOn, validFrom', async () => {
      await refused(
        () => as.acute.post(`${path}/decisions`, { decision: 'approve', rationale: 'x', decidedOn: '2019-091' }),
        400,
        ['decidedOn must be an ISO 8601 date'],
      );
      await refused(() => as.acute.post(costs, costBody({ source: { ...source, extractedOn: '2019-W01-1' } })), 400, [
        'source.extractedOn must be an ISO 8601 date',
      ]);
      const icbFinance = await actingAs('fin@icb.example', 'finance', ICB);
      await refused(
        () =>
          icbFinance.post('/unit-costs', {
            unitCostId: 'bed-day',
            resource: 'bed-day',
            unit: 'day',
            pricePence: 30_000,
            source,
            edition: 'E-1',
            priceYear: '2019/20',
            validFrom: '20190401',
          }),
        400,
        ['"field":"validFrom"', 'validFrom must be'],
      );
    });

    it('accepts a period 2019-04-01 to 2019-06-30 and refuses it reversed (422 period-reversed)', async () => {
      const ok = await as.acute.post(`${path}/measurements`, measurement({})).expect(201);
      expect(ok.body.measurementId).toBeDefined();
      await refused(
        () =>
          as.acute.post(`${path}/measurements`, measurement({ periodStart: '2019-06-30', periodEnd: '2019-04-01' })),
        422,
        ['period-reversed', 'periodEnd 2019-04-01 must not be before periodStart 2019-06-30'],
      );
    });

    it('refuses 20190401 to 2019-W26-7 as malformed dates (400), not as a reversed period', async () => {
      const r = await refused(
        () => as.acute.post(`${path}/measurements`, measurement({ periodStart: '20190401', periodEnd: '2019-W26-7' })),
        400,
        [],
      );
      expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['periodStart', 'periodEnd']);
      expect(JSON.stringify(r.body)).not.toContain('period-reversed');
    });
  });

  describe('instants (?asAt=): a full date-time with seconds and Z or an offset', () => {
    it.each([
      '2020-03-31',
      '2020-03-31T23:59:59',
      '2020-03-31T23:59Z',
      '20200331T235959Z',
      '2020-W14-2T10:00:00Z',
      '2020-02-30T00:00:00Z',
      'yesterday',
    ])('refuses asAt=%s (400 naming asAt)', async (asAt) => {
      await refused(() => as.auditor.get(`/system/flows?asAt=${encodeURIComponent(asAt)}`), 400, [
        'asAt must be an ISO 8601 timestamp with seconds and a time zone',
      ]);
    });

    it('accepts Z and an offset, which name the same instant', async () => {
      const z = await as.auditor
        .get(`/system/flows?financialYear=2019/20&asAt=${encodeURIComponent('2030-03-31T23:00:00Z')}`)
        .expect(200);
      const bst = await as.auditor
        .get(`/system/flows?financialYear=2019/20&asAt=${encodeURIComponent('2030-04-01T00:00:00+01:00')}`)
        .expect(200);
      expect(bst.body).toEqual(z.body);
    });
  });
});
