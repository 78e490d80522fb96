import { JwtService } from '@nestjs/jwt';
import { ACUTE, INTERVENTION, costBody, withSeededSystem } from './support/fixtures';
import { TestApp } from './support/test-app';

/** A token verified once is remembered until it expires (apps/api/src/auth/verified-tokens.ts): never beyond. */
describe('remembered bearer tokens', () => {
  const suite = withSeededSystem();
  let t: TestApp;
  beforeAll(() => ({ t } = suite));
  const sign = (claims: object) => new JwtService({ secret: t.secret }).signAsync(claims);
  const postCost = (token: string) =>
    t.http.post(`/interventions/${INTERVENTION}/costs`).set('Authorization', `Bearer ${token}`).send(costBody());

  it('accepts a token again while it lives, and refuses it as expired from its exp on, appending nothing', async () => {
    // exp at the start of a second far enough ahead for two requests, then wait past it
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await sign({ sub: 'short@acute', role: 'contributor', organisationId: ACUTE, exp });
    const first = await postCost(token);
    expect(first.status).toBe(201);
    const second = await postCost(token);
    expect(second.status).toBe(201);
    expect(second.body.costId).not.toBe(first.body.costId);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 50));
    const before = t.logLength();
    const late = await postCost(token);
    expect(late.status).toBe(401);
    expect(late.body.message).toMatch(/jwt expired/);
    expect(t.logLength()).toBe(before);
  });

  it('remembers only that exact token: the same claims signed with another secret are still refused', async () => {
    const claims = {
      sub: 'x@acute',
      role: 'contributor',
      organisationId: ACUTE,
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    expect((await postCost(await sign(claims))).status).toBe(201);
    const forged = await new JwtService({ secret: 'another-secret' }).signAsync(claims);
    const before = t.logLength();
    const refused = await postCost(forged);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/invalid signature/);
    expect(t.logLength()).toBe(before);
  });
});
