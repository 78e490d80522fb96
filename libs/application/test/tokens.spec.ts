import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { InvalidTokenError, actorFromToken, loadConfig, mintToken, parseLifetime, tokenLifetimeSeconds } from '../src';

const SECRET = 'unit-test-secret';
const claims = { sub: 'ann@example.nhs.uk', role: 'finance', organisationId: 'acute-a' } as const;
const sign = (payload: Record<string, unknown>, options: Record<string, unknown> = {}) =>
  new JwtService({ secret: SECRET }).signAsync(payload, options);
/** Signed by hand, for claims jsonwebtoken's sign would itself refuse (e.g. an iat that is not a number). */
const signRaw = (payload: Record<string, unknown>) => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
};
const NOW = Date.UTC(2024, 5, 1, 9, 0, 0);
const at = (hoursFromNow: number) => Math.floor(NOW / 1000) + hoursFromNow * 3600;
const HOUR = 3600;

describe('bearer tokens must expire, within the maximum lifetime', () => {
  it('given a token minted by default, when read, then its actor is answered and it lives 12 h', async () => {
    const token = await mintToken(SECRET, claims);
    const { exp, iat } = new JwtService().decode<{ exp: number; iat: number }>(token);
    expect(exp - iat).toBe(12 * HOUR);
    await expect(actorFromToken(SECRET, token)).resolves.toEqual({
      userId: claims.sub,
      role: 'finance',
      organisationId: 'acute-a',
    });
  });

  it('given no exp, when read, then it is refused naming the rule', async () => {
    const token = await sign({ ...claims, iat: at(0) });
    await expect(actorFromToken(SECRET, token, {}, NOW)).rejects.toThrow(
      /no exp: every token must expire, at most 24 h .*TOKEN_MAX_LIFETIME_HOURS/,
    );
  });

  it('given exp more than the maximum after iat, when read, then it is refused; exactly the maximum is accepted', async () => {
    await expect(
      actorFromToken(SECRET, await sign({ ...claims, iat: at(0), exp: at(24) + 1 }), {}, NOW),
    ).rejects.toThrow(/lives too long: exp is 24 h after iat/);
    await expect(
      actorFromToken(SECRET, await sign({ ...claims, iat: at(0), exp: at(24) }), {}, NOW),
    ).resolves.toMatchObject({ userId: claims.sub });
    await expect(
      actorFromToken(SECRET, await sign({ ...claims, iat: at(0), exp: at(2) }), { maxLifetimeHours: 1 }, NOW),
    ).rejects.toThrow(/2 h after iat, at most 1 h/);
  });

  it('given no iat and exp too far ahead, or an iat in the future to hide a long life, when read, then it is refused', async () => {
    await expect(actorFromToken(SECRET, await sign({ ...claims, exp: at(30 * 24) }), {}, NOW)).rejects.toThrow(
      /lives too long: exp is 720 h from now/,
    );
    await expect(actorFromToken(SECRET, await sign({ ...claims, exp: at(20) }), {}, NOW)).resolves.toMatchObject({
      userId: claims.sub,
    });
    await expect(
      actorFromToken(SECRET, await sign({ ...claims, iat: at(100), exp: at(110) }), {}, NOW),
    ).rejects.toThrow(/110 h from now/);
  });

  it('given an iat that is not a time, when read, then it is refused', async () => {
    await expect(actorFromToken(SECRET, signRaw({ ...claims, iat: 'yesterday', exp: at(1) }), {}, NOW)).rejects.toThrow(
      /iat that is not a time/,
    );
  });

  it('given a lifetime asked for, when minted, then it must be written <n><unit> and within the maximum', async () => {
    expect([parseLifetime('30m'), parseLifetime('8h'), parseLifetime('1d'), parseLifetime('90s')]).toEqual([
      1800,
      8 * HOUR,
      24 * HOUR,
      90,
    ]);
    for (const bad of ['90', '1.5h', '1 day', '0h', '-1h', '1y', 'h', '']) expect(parseLifetime(bad)).toBeNull();
    expect(() => tokenLifetimeSeconds('2d')).toThrow(/at most 24 h \(TOKEN_MAX_LIFETIME_HOURS\); '2d' is 48 h/);
    expect(() => tokenLifetimeSeconds('90')).toThrow(InvalidTokenError);
    expect(tokenLifetimeSeconds('24h')).toBe(24 * HOUR);
    expect(tokenLifetimeSeconds(undefined, { maxLifetimeHours: 8 })).toBe(8 * HOUR);
    await expect(mintToken(SECRET, claims, { expiresIn: '7d' })).rejects.toThrow(/at most 24 h/);
  });

  it('given TOKEN_MAX_LIFETIME_HOURS, when the configuration is loaded, then it is a whole number of hours from 1 to 8760', () => {
    expect(loadConfig({}).tokenMaxLifetimeHours).toBe(24);
    expect(loadConfig({ TOKEN_MAX_LIFETIME_HOURS: '8' }).tokenMaxLifetimeHours).toBe(8);
    for (const bad of ['0', '8761', '1.5', 'never', '-1']) {
      expect(() => loadConfig({ TOKEN_MAX_LIFETIME_HOURS: bad })).toThrow(
        /TOKEN_MAX_LIFETIME_HOURS must be a whole number of hours from 1 to 8760/,
      );
    }
  });
});
