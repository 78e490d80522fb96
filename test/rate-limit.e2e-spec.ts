import request from 'supertest';
import { TestApp } from './support/test-app';

type Answer = request.Response;

/** `count` GETs one after another as a user (or with no token), answering every status. */
async function hammer(t: TestApp, count: number, path: string, token?: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) {
    const r = t.http.get(path);
    answers.push(await (token ? r.set('Authorization', `Bearer ${token}`) : r));
  }
  return answers;
}

describe('rate limit per user: RATE_LIMIT_PER_MINUTE 600', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ rateLimitPerMinute: 600 });
    await (
      await t.as('admin', 'icb-west')
    )
      .post('/organisations', { organisationId: 'icb-west', name: 'ICB West', type: 'icb' })
      .expect(201);
  });
  afterAll(() => t.stop());

  it('answers 429 with Retry-After to one user past the 600th request in a minute; another user is unaffected', async () => {
    const busy = await t.token('finance', 'icb-west', 'busy@icb-west');
    const answers = await hammer(t, 700, '/organisations/icb-west', busy);
    expect(answers.slice(0, 600).map((r) => r.status)).toEqual(Array(600).fill(200));
    expect(answers.slice(600).map((r) => r.status)).toEqual(Array(100).fill(429));

    const refused = answers[650];
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(
        /^more than 600 requests in a minute from this user \(RATE_LIMIT_PER_MINUTE\); retry after \d+ s/,
      ),
    });
    expect(refused.headers['x-correlation-id']).toEqual(expect.any(String));
    expect(answers[599].headers['x-ratelimit-remaining']).toBe('0');

    // same role and organisation, another user: a fresh allowance
    const other = await t.token('finance', 'icb-west', 'other@icb-west');
    await t.http.get('/organisations/icb-west').set('Authorization', `Bearer ${other}`).expect(200);
    // and the busy user is still refused, on any route
    await t.http.get('/system/flows').set('Authorization', `Bearer ${busy}`).expect(429);
  }, 60_000);
});

describe('rate limit: one allowance per user across routes, per address without a valid token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ rateLimitPerMinute: 5 });
  });
  afterAll(() => t.stop());

  it("counts a user's requests to every route together, commands included, and appends nothing once refused", async () => {
    const admin = await t.as('admin', 'icb-west');
    await admin.post('/organisations', { organisationId: 'icb-west', name: 'ICB West', type: 'icb' }).expect(201);
    await admin.get('/organisations/icb-west').expect(200);
    await admin.get('/system/flows').expect(200);
    await admin.get('/organisations/nobody').expect(404);
    await admin
      .post('/organisations', { organisationId: 'gp-c', name: 'GP C', type: 'gp-practice', system: 'icb-west' })
      .expect(201);
    const before = t.logLength();
    await admin
      .post('/organisations', { organisationId: 'gp-d', name: 'GP D', type: 'gp-practice', system: 'icb-west' })
      .expect(429);
    expect(t.logLength()).toBe(before);
  });

  it('counts requests without a valid token by address, forged tokens included, apart from the users', async () => {
    const answers = [
      ...(await hammer(t, 3, '/organisations/icb-west')),
      ...(await hammer(t, 3, '/organisations/icb-west', 'forged.token.value')),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(answers[5].body.message).toMatch(/from this address/);
    // a valid token is counted as its user, not by the address everyone above shared
    const finance = await t.token('finance', 'icb-west');
    await t.http.get('/organisations/icb-west').set('Authorization', `Bearer ${finance}`).expect(200);
  });

  it('never limits the health probes', async () => {
    const probes = [
      ...(await hammer(t, 10, '/health/ready')),
      ...(await hammer(t, 10, '/health/live')),
      ...(await hammer(t, 10, '/health')),
    ];
    expect(probes.map((r) => r.status)).toEqual(Array(30).fill(200));
  });
});

describe('rate limit off: RATE_LIMIT_PER_MINUTE 0', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ rateLimitPerMinute: 0 });
  });
  afterAll(() => t.stop());

  it('answers 700 requests in a minute from one user without a 429', async () => {
    const token = await t.token('finance', 'icb-west');
    const answers = await hammer(t, 700, '/system/flows', token);
    expect(answers.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    expect(answers[699].headers['x-ratelimit-limit']).toBeUndefined();
  }, 60_000);
});
