import { TestApp } from './test-app';

export const ICB = 'icb-west';
export const ACUTE = 'acute-a';
export const COMMUNITY = 'community-b';
export const GP = 'gp-c';
export const INTERVENTION = 'int-1';

export const source = { system: 'PAS', reference: 'report-42', extractedOn: '2020-05-01' };

export const costBody = (over: Record<string, unknown> = {}) => ({
  costType: 'direct', category: 'improvement team', amountPence: 100_000, financialYear: '2019/20',
  bearerOrganisationId: ACUTE, source, ...over,
});

export const benefitBody = (over: Record<string, unknown> = {}) => ({
  benefitType: 'capacity', lens: 'economic', description: 'bed-days released', quantity: { value: 100, unit: 'bed-days' },
  valuation: { method: 'unit-cost', unitValuePence: 30_000 }, valuePence: 3_000_000, recurrence: 'recurrent',
  financialYear: '2019/20', landingOrganisationId: COMMUNITY, evidence: [], source, ...over,
});

/**
 * Through the API: an ICB, an acute trust, a community trust and a GP practice; one intervention
 * led by the acute trust with one capacity benefit (landing at the community trust) and a release of 100 bed-days.
 */
export async function seedSystem(t: TestApp) {
  const admin = await t.as('admin', ICB);
  for (const [organisationId, type] of [[ICB, 'icb'], [ACUTE, 'acute-trust'], [COMMUNITY, 'community-trust'], [GP, 'gp-practice']]) {
    const r = await admin.post('/organisations', { organisationId, name: `Org ${organisationId}`, type, system: ICB });
    if (r.status !== 201) throw new Error(`seed organisation ${organisationId}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const acute = await t.as('contributor', ACUTE);
  const steps: [string, object][] = [
    ['/interventions', { interventionId: INTERVENTION, title: 'Discharge to assess', leadOrganisationId: ACUTE,
      lenses: { economic: true, social: true, strategic: false }, strategicPriorities: ['flow'] }],
    [`/interventions/${INTERVENTION}/benefits`, benefitBody({ benefitId: 'b-cap' })],
    [`/interventions/${INTERVENTION}/capacity-releases`, { releaseId: 'r-1', benefitId: 'b-cap', resource: 'bed-days', quantity: 100,
      landingOrganisationId: COMMUNITY, financialYear: '2019/20' }],
  ];
  for (const [path, body] of steps) {
    const r = await acute.post(path, body);
    if (r.status !== 201) throw new Error(`seed ${path}: ${r.status} ${JSON.stringify(r.body)}`);
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
export function withSeededSystem() {
  const suite = {} as { t: TestApp; as: Awaited<ReturnType<typeof seedSystem>> };
  beforeAll(async () => {
    suite.t = await TestApp.start();
    suite.as = await seedSystem(suite.t);
  });
  afterAll(() => suite.t.stop());
  return suite;
}
