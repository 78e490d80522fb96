import { JwtService } from '@nestjs/jwt';
import {
  ACUTE,
  GP,
  ICB,
  INTERVENTION,
  benefitBody,
  costBody,
  seedSystem,
  source,
  withSeededSystem,
} from './support/fixtures';
import { TestApp } from './support/test-app';

/** Design §6: who may do what; outside that 401/403 and nothing appended. */
describe('access', () => {
  const suite = withSeededSystem();
  const path = `/interventions/${INTERVENTION}`;
  const release = `${path}/capacity-releases/r-1`;
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  beforeAll(() => ({ t, as } = suite));

  const expectNothingAppended = async (
    send: () => Promise<{ status: number; body: { message: string } }>,
    status: number,
    message?: RegExp,
  ) => {
    const before = t.logLength();
    const r = await send();
    expect(r.status).toBe(status);
    if (message) expect(r.body.message).toMatch(message);
    expect(t.logLength()).toBe(before);
  };

  describe('401 without a valid token', () => {
    it('refuses a missing token, a malformed header, a wrong signature, an expired token and a token without role', async () => {
      const post = (auth?: string) => {
        const r = t.http.post(`${path}/costs`);
        return (auth ? r.set('Authorization', auth) : r).send(costBody());
      };
      await expectNothingAppended(() => post(), 401, /bearer token is required/);
      await expectNothingAppended(() => post('Basic dXNlcjpwYXNz'), 401, /bearer token is required/);
      const forged = await new JwtService({ secret: 'another-secret' }).signAsync({
        sub: 'x',
        role: 'admin',
        organisationId: ICB,
      });
      await expectNothingAppended(() => post(`Bearer ${forged}`), 401, /invalid signature/);
      const expired = await new JwtService({ secret: t.secret }).signAsync({
        sub: 'x',
        role: 'contributor',
        organisationId: ACUTE,
        exp: Math.floor(Date.now() / 1000) - 60,
      });
      await expectNothingAppended(() => post(`Bearer ${expired}`), 401, /expired/);
      const noRole = await new JwtService({ secret: t.secret }).signAsync({ sub: 'x', organisationId: ACUTE });
      await expectNothingAppended(() => post(`Bearer ${noRole}`), 401, /no valid role/);
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', organisationId: ICB })).toString('base64url')}.`;
      await expectNothingAppended(() => post(`Bearer ${none}`), 401);
      await t.http.get(`${path}/value`).expect(401);
    });
  });

  describe('403 outside role or organisation', () => {
    it('lets only an admin register organisations', async () => {
      for (const who of ['acute', 'acuteFinance', 'auditor'] as const) {
        await expectNothingAppended(
          () => as[who].post('/organisations', { name: 'x', type: 'other' }),
          403,
          /admin only/,
        );
      }
    });

    it('lets a contributor record only for interventions its organisation leads', async () => {
      await expectNothingAppended(
        () => as.gp.post(`${path}/costs`, costBody()),
        403,
        /interventions led by its own organisation|lead organisation/,
      );
      await expectNothingAppended(
        () => as.gp.post(`${path}/benefits`, benefitBody()),
        403,
        /led by its own organisation/,
      );
      await expectNothingAppended(() => as.gp.post(`${path}/decisions`, { decision: 'approve', rationale: 'x' }), 403);
      await expectNothingAppended(
        () =>
          as.gp.post('/interventions', {
            title: 'x',
            leadOrganisationId: ACUTE,
            lenses: { economic: true, social: true, strategic: true },
            strategicPriorities: [],
          }),
        403,
        /led by its own organisation/,
      );
    });

    it('lets finance validate only benefits led by or landing at its organisation, and contributors never', async () => {
      await expectNothingAppended(
        () => as.gpFinance.post(`${path}/benefits/b-cap/validation`, { validatedValuePence: 1, note: 'x', source }),
        403,
        /leads or that land at its organisation/,
      );
      await expectNothingAppended(
        () => as.acute.post(`${path}/benefits/b-cap/validation`, { validatedValuePence: 1, note: 'x', source }),
        403,
        /finance only/,
      );
      await expectNothingAppended(
        () => as.community.post(`${path}/benefits/b-cap/rejection`, { reason: 'x' }),
        403,
        /finance only/,
      );
      // led by ACUTE, landing at COMMUNITY: both finance teams may
      await as.acuteFinance.post(`${path}/benefits`, benefitBody()).expect(403);
      await as.acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-2' })).expect(201);
      await as.acuteFinance
        .post(`${path}/benefits/b-2/validation`, { validatedValuePence: 1, note: 'lead', source })
        .expect(201);
      await as.acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-3' })).expect(201);
      await as.communityFinance
        .post(`${path}/benefits/b-3/validation`, { validatedValuePence: 1, note: 'landing', source })
        .expect(201);
    });

    it('lets only the organisation where capacity landed take harvest decisions', async () => {
      await expectNothingAppended(
        () => as.acute.post(`${release}/harvests`, { harvest: 'reinvest', quantity: 1, rationale: 'x', source }),
        403,
        /where the capacity landed/,
      );
      await expectNothingAppended(
        () => as.gp.post(`${release}/harvests`, { harvest: 'reinvest', quantity: 1, rationale: 'x', source }),
        403,
      );
      await as.community
        .post(`${release}/harvests`, { harvest: 'reinvest', quantity: 1, rationale: 'x', source })
        .expect(201);
    });

    it('lets an auditor read and verify everything and write nothing', async () => {
      await expectNothingAppended(() => as.auditor.post(`${path}/costs`, costBody()), 403, /auditors read and trace/);
      await expectNothingAppended(
        () => as.auditor.post(`${release}/harvests`, { harvest: 'reinvest', quantity: 1, rationale: 'x', source }),
        403,
      );
      await as.auditor.get(`${path}/value`).expect(200);
      await as.auditor.get(`/organisations/${GP}`).expect(200);
      await as.auditor.get('/audit/verify').expect(200);
      await as.gp.get('/audit/verify').expect(403);
    });

    it('refuses admin writes to interventions (segregation of duties)', async () => {
      await expectNothingAppended(() => as.admin.post(`${path}/costs`, costBody()), 403);
    });

    it('answers 400 when a contributor of an unregistered organisation registers an intervention for it', async () => {
      const ghost = await t.as('contributor', 'ghost-org');
      await expectNothingAppended(
        () =>
          ghost.post('/interventions', {
            title: 'x',
            leadOrganisationId: 'ghost-org',
            lenses: { economic: true, social: true, strategic: true },
            strategicPriorities: [],
          }),
        400,
        /leadOrganisationId names organisation 'ghost-org'/,
      );
    });
  });
});
