import fc from 'fast-check';
import { TestApp } from './support/test-app';

/**
 * What schemathesis found against the running API (test/api-fuzz, docs/api.md), kept as regressions here so that
 * `npm test` catches them again without Python: each answered a 5xx or a status the document did not declare.
 */
describe('schemathesis findings, fixed', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.as('admin', 'west-riding-icb');
  });
  afterAll(() => app.stop());

  const REINVEST = '/interventions/no-such/capacity-releases/no-such/reinvestments';
  const into = { description: 'ward reopened', organisationId: 'riverside-teaching-hospitals' };

  it('refuses a quantity written in exponent form (5e-324) with a 400 naming it, where it answered 500', async () => {
    const before = app.logLength();
    const r = await admin.post(REINVEST, { quantity: 5e-324, into });
    expect(r.status).toBe(400);
    expect(r.body.errors).toContainEqual({
      field: 'quantity',
      messages: ['quantity must be a number with at most 2 decimal places'],
    });
    expect(app.logLength()).toBe(before);
  });

  it('answers any JSON number as a quantity with a 4xx, naming quantity exactly when it is not one (property)', async () => {
    const before = app.logLength();
    await fc.assert(
      fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), async (quantity) => {
        const r = await admin.post(REINVEST, { quantity, into });
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        const isQuantity = quantity >= 0 && quantity <= 1e12 && Math.round(quantity * 100) / 100 === quantity;
        const named = (r.body.errors ?? []).some((e: { field: string }) => e.field === 'quantity');
        expect(named).toBe(!isQuantity);
      }),
      { seed: 20_240_611, numRuns: 150 },
    );
    expect(app.logLength()).toBe(before);
  });

  it('says a figure reference is ASCII, so the longest the document allows fits in a request (a long one of é answered 431)', async () => {
    // 4000 é are within maxLength but ~24 KB once URL-encoded, beyond the 16 KB request head Node reads: 431, no body
    expect((await admin.get(`/trace?figure=${encodeURIComponent('é'.repeat(4000))}`)).status).toBe(431);
    const doc = (await app.http.get('/docs-json').expect(200)).body;
    const figure = doc.paths['/trace'].get.parameters.find((p: { name: string }) => p.name === 'figure');
    expect(figure.schema).toMatchObject({ maxLength: 4000, pattern: '^[A-Za-z0-9._-]+$' });
    const refused = await admin.get(`/trace?figure=${encodeURIComponent('fig1.é')}`).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'figure', messages: [expect.stringMatching(/letters, digits and \. _ - only/)] },
    ]);
    const longest = await admin.get(`/trace?figure=fig1.${'A'.repeat(3995)}`).expect(400);
    expect(longest.body).toMatchObject({
      field: 'figure',
      message: expect.stringContaining('figure is not a figure reference returned by a query'),
    });
  });
});
