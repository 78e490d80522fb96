import { TestApp } from './support/test-app';

const TRUSTED = 'https://dashboard.icb-west.nhs.uk';
const OTHER = 'https://elsewhere.example';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it("sends helmet's headers and no X-Powered-By, on answers and refusals alike", async () => {
    const token = await t.token('admin', 'icb-west');
    const answers = [
      await t.http.get('/health').expect(200),
      await t.http.get('/organisations/icb-west').expect(401),
      await t.http.get('/organisations/icb-west').set('Authorization', `Bearer ${token}`).expect(404),
      await t.http
        .post('/organisations')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send('{')
        .expect(400),
    ];
    for (const r of answers) {
      expect(r.headers['x-powered-by']).toBeUndefined();
      expect(r.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
      // served over plain HTTP behind a proxy: asking browsers to upgrade would break /docs
      expect(r.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    }
  });

  it('is closed to other origins by default: no Access-Control-Allow-Origin, on a request or a preflight', async () => {
    const r = await t.http.get('/health').set('Origin', OTHER).expect(200);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http
      .options('/organisations')
      .set('Origin', OTHER)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('CORS for the origins in CORS_ORIGINS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ corsOrigins: [TRUSTED] });
  });
  afterAll(() => t.stop());

  it('allows a listed origin, and lets its scripts read the correlation id and the rate-limit headers', async () => {
    const token = await t.token('admin', 'icb-west');
    const r = await t.http
      .get('/organisations/icb-west')
      .set('Origin', TRUSTED)
      .set('Authorization', `Bearer ${token}`)
      .expect(404);
    expect(r.headers['access-control-allow-origin']).toBe(TRUSTED);
    expect(r.headers['access-control-expose-headers'].split(',')).toEqual(
      expect.arrayContaining(['X-Correlation-Id', 'Retry-After']),
    );
    expect(r.headers.vary).toContain('Origin');
  });

  it("answers a listed origin's preflight with the methods and headers the API reads", async () => {
    const preflight = await t.http
      .options('/interventions/int-1/decisions')
      .set('Origin', TRUSTED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,if-match,idempotency-key,x-correlation-id')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(TRUSTED);
    expect(preflight.headers['access-control-allow-methods'].split(',')).toEqual(
      expect.arrayContaining(['GET', 'POST']),
    );
    expect(preflight.headers['access-control-allow-headers'].toLowerCase().split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-correlation-id']),
    );
  });

  it('still gives an origin that is not listed nothing', async () => {
    const r = await t.http.get('/health').set('Origin', OTHER).expect(200);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const lookalike = await t.http.get('/health').set('Origin', `${TRUSTED}.evil.example`).expect(200);
    expect(lookalike.headers['access-control-allow-origin']).toBeUndefined();
  });
});
