import { actorFromToken, InvalidTokenError, mintToken } from '../src/auth/tokens';

/**
 * The secret is made a key once and kept (no key is built per request): the kept key must always be the key of
 * the secret asked for, so a token is never checked against a secret other than the one given.
 */
describe('bearer token verification with the key made once', () => {
  const claims = { sub: 'ann@example.nhs.uk', role: 'contributor' as const, organisationId: 'acute-a' };
  const secretA = 'secret-a-0123456789abcdef0123456789abcdef';
  const secretB = 'secret-b-0123456789abcdef0123456789abcdef';

  it("verifies many tokens with one secret, then refuses them under another and accepts that one's own", async () => {
    const tokenA = await mintToken(secretA, claims);
    const tokenB = await mintToken(secretB, claims);
    for (let i = 0; i < 50; i += 1)
      await expect(actorFromToken(secretA, tokenA)).resolves.toMatchObject({ userId: 'ann@example.nhs.uk' });
    await expect(actorFromToken(secretB, tokenA)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(actorFromToken(secretB, tokenB)).resolves.toMatchObject({ organisationId: 'acute-a' });
    await expect(actorFromToken(secretA, tokenB)).rejects.toThrow(/invalid signature/);
    await expect(actorFromToken(secretA, tokenA)).resolves.toMatchObject({ role: 'contributor' });
  });
});
