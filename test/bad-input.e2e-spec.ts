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

/** Every refusal names the field or the rule, and the log's length is unchanged. */
describe('bad input is refused with a clear error and nothing appended', () => {
  const suite = withSeededSystem();
  const path = `/interventions/${INTERVENTION}`;
  const release = `${path}/capacity-releases/r-1`;
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  beforeAll(async () => {
    ({ t, as } = suite);
    // state for the 422 cases: one validated, one rejected and one open benefit, 60 of 100 bed-days harvested, 10 for reinvestment
    await as.acute
      .post(`${path}/benefits`, benefitBody({ benefitId: 'b-valid', landingOrganisationId: ACUTE }))
      .expect(201);
    await as.acute
      .post(`${path}/benefits`, benefitBody({ benefitId: 'b-open', landingOrganisationId: ACUTE }))
      .expect(201);
    await as.acute
      .post(`${path}/benefits`, benefitBody({ benefitId: 'b-rejected', landingOrganisationId: ACUTE }))
      .expect(201);
    await as.acuteFinance
      .post(`${path}/benefits/b-valid/validation`, { validatedValuePence: 3_000_000, note: 'ok', source })
      .expect(201);
    await as.acuteFinance.post(`${path}/benefits/b-rejected/rejection`, { reason: 'no' }).expect(201);
    await as.community
      .post(`${release}/harvests`, { harvest: 'reinvest', quantity: 10, rationale: 'x', source })
      .expect(201);
    await as.community
      .post(`${release}/harvests`, { harvest: 'unharvested', quantity: 50, rationale: 'x', source })
      .expect(201);
  });

  type Who = keyof Awaited<ReturnType<typeof seedSystem>>;
  const refused = async (
    who: Who,
    url: string,
    body: unknown,
    status: number,
    mentions: (string | RegExp)[],
    headers: Record<string, string> = {},
  ) => {
    const before = t.logLength();
    const r = await as[who].post(url, body as object, headers);
    expect({ status: r.status, body: r.body }).toMatchObject({ status, body: { statusCode: status } });
    const text = JSON.stringify(r.body);
    for (const m of mentions) expect(text).toMatch(m);
    expect(t.logLength()).toBe(before);
    return r.body;
  };

  describe('400: the shape of the body', () => {
    it('refuses unknown fields, top level and nested', async () => {
      const body = await refused('acute', `${path}/costs`, { ...costBody(), discount: 5 }, 400, [
        'property discount should not exist',
      ]);
      expect(body.errors).toEqual([{ field: 'discount', messages: ['property discount should not exist'] }]);
      await refused('acute', `${path}/costs`, costBody({ source: { system: 'PAS', reference: 'r', secret: 1 } }), 400, [
        'source.secret',
      ]);
    });

    it('names every missing required field', async () => {
      const body = await refused('acute', `${path}/costs`, {}, 400, []);
      const fields = body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'costType',
          'category',
          'amountPence',
          'financialYear',
          'bearerOrganisationId',
          'source',
        ]),
      );
      await refused('acute', `${path}/costs`, costBody({ source: { system: 'PAS' } }), 400, ['source.reference']);
    });

    it('refuses wrong types', async () => {
      await refused('acute', `${path}/costs`, costBody({ amountPence: '100' }), 400, [
        'amountPence must be a whole number of pence',
      ]);
      await refused('acute', `${path}/costs`, costBody({ category: 42 }), 400, ['category must be a string']);
      await refused(
        'acute',
        '/interventions',
        { title: 'x', leadOrganisationId: ACUTE, lenses: 'all', strategicPriorities: [] },
        400,
        ['lenses must be an object'],
      );
      await refused(
        'acute',
        '/interventions',
        {
          title: 'x',
          leadOrganisationId: ACUTE,
          lenses: { economic: 'yes', social: true, strategic: true },
          strategicPriorities: [],
        },
        400,
        ['lenses.economic must be a boolean'],
      );
    });

    it.each([
      ['fractional', 100.5, 'amountPence must be a whole number of pence'],
      ['negative', -1, 'amountPence must not be negative'],
      ['unsafe', 2 ** 53, 'amountPence is beyond the safe integer range'],
      ['huge', 1e21, 'amountPence'],
      ['null', null, 'amountPence'],
    ])('refuses %s money', async (_label, amountPence, message) => {
      await refused('acute', `${path}/costs`, costBody({ amountPence }), 400, [message]);
    });

    it.each(['2019/21', '2019-20', '19/20', '2019/2020', '2019/20 ', ''])(
      'refuses the malformed financial year %p',
      async (financialYear) => {
        await refused('acute', `${path}/costs`, costBody({ financialYear }), 400, [
          'financialYear must be a financial year like 2019/20',
        ]);
      },
    );

    it('refuses unknown enum values, naming the allowed ones', async () => {
      await refused('acute', `${path}/costs`, costBody({ costType: 'overhead' }), 400, [
        'costType must be one of: direct, indirect',
      ]);
      await refused('acute', `${path}/benefits`, benefitBody({ benefitType: 'happiness' }), 400, [
        'benefitType must be one of: cash-releasing, capacity',
      ]);
      await refused('acute', `${path}/decisions`, { decision: 'celebrate', rationale: 'x' }, 400, [
        'decision must be one of',
      ]);
      await refused('community', `${release}/harvests`, { harvest: 'sell', quantity: 1, rationale: 'x', source }, 400, [
        'harvest must be one of: cash-release, reinvest, unharvested',
      ]);
      await refused('admin', '/organisations', { name: 'x', type: 'hospital' }, 400, [
        'type must be one of: acute-trust',
      ]);
    });

    it('refuses quantities with more than two decimals and malformed dates and ids', async () => {
      await refused(
        'community',
        `${release}/harvests`,
        { harvest: 'reinvest', quantity: 1.005, rationale: 'x', source },
        400,
        ['quantity must be a number with at most 2 decimal places'],
      );
      await refused(
        'acute',
        `${path}/measurements`,
        {
          measure: 'LOS',
          unit: 'd',
          kind: 'baseline',
          value: 1,
          periodStart: '2019-13-01',
          periodEnd: '2020-01-01',
          source: { system: 's', reference: 'r' },
        },
        400,
        ['periodStart must be an ISO 8601 date'],
      );
      await refused('admin', '/organisations', { organisationId: 'has spaces', name: 'x', type: 'icb' }, 400, [
        'organisationId must be an id',
      ]);
    });

    it('refuses a body that is not JSON, and an oversized body (413)', async () => {
      const before = t.logLength();
      const token = await t.token('contributor', ACUTE);
      const bad = await t.http
        .post(`${path}/costs`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send('{"amountPence": ');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/JSON/);
      await refused('acute', `${path}/costs`, costBody({ category: 'x'.repeat(70 * 1024) }), 413, [
        'request body exceeds the limit of 65536 bytes',
      ]);
      expect(t.logLength()).toBe(before);
    });
  });

  describe('400 / 404: references to things that do not exist', () => {
    it('refuses organisations that are not registered, naming the field (400)', async () => {
      await refused('acute', `${path}/costs`, costBody({ bearerOrganisationId: 'nobody' }), 400, [
        "bearerOrganisationId names organisation 'nobody', which is not registered",
      ]);
      await refused('acute', `${path}/benefits`, benefitBody({ landingOrganisationId: 'nowhere' }), 400, [
        '"field":"landingOrganisationId"',
      ]);
      await refused(
        'acute',
        '/interventions',
        {
          title: 'x',
          leadOrganisationId: 'ghost',
          lenses: { economic: true, social: true, strategic: true },
          strategicPriorities: [],
        },
        403,
        [],
      );
      await refused('admin', '/organisations', { name: 'x', type: 'gp-practice', system: 'no-such-icb' }, 400, [
        'system names organisation',
      ]);
      await refused('admin', '/organisations', { name: 'x', type: 'gp-practice', system: ACUTE }, 400, [
        'system must name an integrated care board',
      ]);
      await refused(
        'community',
        `${release}/reinvestments`,
        { quantity: 1, into: { description: 'x', organisationId: 'ghost' }, source },
        400,
        ['into.organisationId'],
      );
    });

    it('refuses evidence naming a measurement that was not recorded (400)', async () => {
      await refused('acute', `${path}/benefits`, benefitBody({ evidence: ['no-such-measurement'] }), 400, [
        "evidence[0] names measurement 'no-such-measurement'",
      ]);
    });

    it('answers 404 for an intervention, benefit or release that does not exist', async () => {
      await refused('acute', '/interventions/no-such/costs', costBody(), 404, ['intervention is not registered']);
      await refused(
        'acuteFinance',
        `${path}/benefits/no-such/validation`,
        { validatedValuePence: 1, note: 'x', source },
        404,
        ["benefit 'no-such' was not claimed"],
      );
      await refused(
        'community',
        `${path}/capacity-releases/no-such/harvests`,
        { harvest: 'reinvest', quantity: 1, rationale: 'x', source },
        404,
        ["capacity release 'no-such'"],
      );
      await refused(
        'acute',
        `${path}/capacity-releases`,
        {
          benefitId: 'no-such',
          resource: 'beds',
          quantity: 1,
          landingOrganisationId: COMMUNITY,
          financialYear: '2019/20',
          source,
        },
        400,
        ['"field":"benefitId"'],
      );
      const r = await as.auditor.get('/interventions/no-such/value');
      expect(r.status).toBe(404);
    });
  });

  describe('409: conflicts', () => {
    it('refuses a stale expected revision and a malformed If-Match', async () => {
      await refused('acute', `${path}/decisions`, { decision: 'approve', rationale: 'x' }, 409, ['stale-revision'], {
        'If-Match': '"0"',
      });
      await refused(
        'acute',
        `${path}/decisions`,
        { decision: 'approve', rationale: 'x' },
        400,
        ['If-Match must be the stream revision'],
        { 'If-Match': 'yesterday' },
      );
    });

    it('refuses an id that is already taken', async () => {
      await refused('acute', `${path}/benefits`, benefitBody({ benefitId: 'b-cap' }), 409, [
        "benefit 'b-cap' is already claimed",
      ]);
      await refused('admin', '/organisations', { organisationId: ACUTE, name: 'again', type: 'acute-trust' }, 409, [
        'already registered',
      ]);
    });
  });

  describe('422: domain rules, in words', () => {
    it('refuses validating a rejected or already validated benefit', async () => {
      await refused(
        'acuteFinance',
        `${path}/benefits/b-rejected/validation`,
        { validatedValuePence: 1, note: 'x', source },
        422,
        ["benefit 'b-rejected' is already rejected: it cannot be validated", 'benefit-already-decided'],
      );
      await refused(
        'acuteFinance',
        `${path}/benefits/b-valid/validation`,
        { validatedValuePence: 1, note: 'x', source },
        422,
        ['already validated'],
      );
      await refused('acuteFinance', `${path}/benefits/b-valid/rejection`, { reason: 'x' }, 422, [
        'already validated: it cannot be rejected',
      ]);
    });

    it('refuses validating more than was claimed, and a value that is not quantity × unit value', async () => {
      await refused(
        'acuteFinance',
        `${path}/benefits/b-open/validation`,
        { validatedValuePence: 3_000_001, note: 'x', source },
        422,
        ['cannot exceed the claimed value'],
      );
      await refused('acute', `${path}/benefits`, benefitBody({ valuePence: 3_000_001 }), 422, [
        'valuePence must equal quantity × unitValuePence',
        'valuation-mismatch',
      ]);
    });

    it('refuses harvesting more than was released', async () => {
      await refused(
        'community',
        `${release}/harvests`,
        { harvest: 'cash-release', quantity: 40.01, rationale: 'x', source },
        422,
        [
          'cannot harvest more than was released: released 100, already harvested 60, asked 40.01',
          'harvest-exceeds-release',
        ],
      );
    });

    it('refuses reinvesting more than was harvested for reinvestment, and cash with no cash-release harvest', async () => {
      await refused(
        'community',
        `${release}/reinvestments`,
        { quantity: 10.01, into: { description: 'x', organisationId: ACUTE }, source },
        422,
        ['cannot reinvest more than was harvested for reinvestment', 'reinvestment-exceeds-harvest'],
      );
      await refused(
        'communityFinance',
        `${release}/cash-releases`,
        { amountPence: 100, budgetLine: 'x', source },
        422,
        ['cash can be released only from capacity harvested as cash-release'],
      );
    });

    it('refuses a decision out of the life cycle and capacity against a non-capacity benefit', async () => {
      await refused('acute', `${path}/decisions`, { decision: 'scale', rationale: 'x' }, 422, [
        "'scale' cannot follow status 'registered'",
      ]);
      await as.acute
        .post(`${path}/benefits`, benefitBody({ benefitId: 'b-cash', benefitType: 'cash-releasing' }))
        .expect(201);
      await refused(
        'acute',
        `${path}/capacity-releases`,
        {
          benefitId: 'b-cash',
          resource: 'beds',
          quantity: 1,
          landingOrganisationId: COMMUNITY,
          financialYear: '2019/20',
          source,
        },
        422,
        ['only against a capacity benefit'],
      );
    });
  });
});
