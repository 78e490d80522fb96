import { TestApp } from './test-app';

export const ICB = 'icb-west';
export const ACUTE = 'acute-a';
export const COMMUNITY = 'community-b';
export const GP = 'gp-c';
export const INTERVENTION = 'int-1';

export const source = { system: 'PAS', reference: 'report-42', extractedOn: '2020-05-01' };

export const costBody = (over: Record<string, unknown> = {}) => ({
  costType: 'direct',
  category: 'improvement team',
  amountPence: 100_000,
  financialYear: '2019/20',
  bearerOrganisationId: ACUTE,
  source,
  ...over,
});

export const benefitBody = (over: Record<string, unknown> = {}) => ({
  benefitType: 'capacity',
  lens: 'economic',
  description: 'bed-days released',
  quantity: { value: 100, unit: 'bed-days' },
  valuation: { method: 'unit-cost', unitValuePence: 30_000 },
  valuePence: 3_000_000,
  recurrence: 'recurrent',
  financialYear: '2019/20',
  landingOrganisationId: COMMUNITY,
  evidence: [],
  source,
  ...over,
});

/**
 * Through the API: an ICB, an acute trust, a community trust and a GP practice; one intervention
 * led by the acute trust with one capacity benefit of 100 bed-days (b-cap, claimed at £30,000.00, landing at the community
 * trust) and, since a release needs a validated benefit, `withRelease` (the default): b-cap validated by the community
 * trust's finance at `validatedValuePence` for all 100 and a release of 100 bed-days (r-1).
 */
export async function seedSystem(t: TestApp, options: { withRelease?: boolean; validatedValuePence?: number } = {}) {
  const { withRelease = true, validatedValuePence = 3_000_000 } = options;
  const admin = await t.as('admin', ICB);
  for (const [organisationId, type] of [
    [ICB, 'icb'],
    [ACUTE, 'acute-trust'],
    [COMMUNITY, 'community-trust'],
    [GP, 'gp-practice'],
  ]) {
    const r = await admin.post('/organisations', { organisationId, name: `Org ${organisationId}`, type, system: ICB });
    if (r.status !== 201) throw new Error(`seed organisation ${organisationId}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const acute = await t.as('contributor', ACUTE);
  const steps: [string, object][] = [
    [
      '/interventions',
      {
        interventionId: INTERVENTION,
        title: 'Discharge to assess',
        leadOrganisationId: ACUTE,
        lenses: { economic: true, social: true, strategic: false },
        strategicPriorities: ['flow'],
      },
    ],
    [`/interventions/${INTERVENTION}/benefits`, benefitBody({ benefitId: 'b-cap' })],
  ];
  const release: [string, object][] = [
    [
      `/interventions/${INTERVENTION}/capacity-releases`,
      {
        releaseId: 'r-1',
        benefitId: 'b-cap',
        resource: 'bed-days',
        quantity: 100,
        landingOrganisationId: COMMUNITY,
        financialYear: '2019/20',
        source,
      },
    ],
  ];
  const post = async (
    as: { post: (path: string, body: object) => Promise<{ status: number; body: unknown }> },
    path: string,
    body: object,
  ) => {
    const r = await as.post(path, body);
    if (r.status !== 201) throw new Error(`seed ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  for (const [path, body] of steps) await post(acute, path, body);
  if (withRelease) {
    await post(await t.as('finance', COMMUNITY), `/interventions/${INTERVENTION}/benefits/b-cap/validation`, {
      validatedValuePence,
      note: 'seeded',
      source,
    });
    for (const [path, body] of release) await post(acute, path, body);
  }
  return {
    admin,
    acute,
    acuteFinance: await t.as('finance', ACUTE),
    community: await t.as('contributor', COMMUNITY),
    communityFinance: await t.as('finance', COMMUNITY),
    gp: await t.as('contributor', GP),
    gpFinance: await t.as('finance', GP),
    auditor: await t.as('auditor', ICB),
  };
}

/** A fresh app and seeded system for one describe block: `const suite = withSeededSystem();` then `suite.t`, `suite.as`. */
export function withSeededSystem(options: Parameters<typeof seedSystem>[1] = {}) {
  const suite = {} as { t: TestApp; as: Awaited<ReturnType<typeof seedSystem>> };
  beforeAll(async () => {
    suite.t = await TestApp.start();
    suite.as = await seedSystem(suite.t, options);
  });
  afterAll(() => suite.t.stop());
  return suite;
}
