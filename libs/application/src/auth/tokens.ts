import { KeyObject, createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Actor, ROLES, Role, isId } from '@benefit-ledger/domain';
import {
  CLOCK_SKEW_SECONDS,
  DEFAULT_TOKEN_LIFETIME,
  DEFAULT_TOKEN_MAX_LIFETIME_HOURS,
  hours,
  parseLifetime,
} from './token-lifetime';

/** Bearer tokens: HS256 JWTs carrying sub, role and organisationId (docs/design.md#access), and exp within the maximum lifetime. */
export interface TokenClaims {
  sub: string;
  role: Role;
  organisationId: string;
}

/** How long tokens may live; TOKEN_MAX_LIFETIME_HOURS (AppConfig.tokenMaxLifetimeHours) when set. */
export interface TokenLifetimePolicy {
  maxLifetimeHours?: number;
}

export class InvalidTokenError extends Error {}

const maxLifetimeSeconds = (policy: TokenLifetimePolicy) =>
  (policy.maxLifetimeHours ?? DEFAULT_TOKEN_MAX_LIFETIME_HOURS) * 3600;
const MAX_LIFETIME_RULE = 'TOKEN_MAX_LIFETIME_HOURS';

/**
 * The lifetime a token is minted with, in seconds: `expiresIn` (e.g. `8h`), or 12 h shortened to the maximum.
 * Refuses a lifetime beyond the maximum, since the API would refuse the token.
 */
export function tokenLifetimeSeconds(expiresIn: string | undefined, policy: TokenLifetimePolicy = {}): number {
  const max = maxLifetimeSeconds(policy);
  if (expiresIn === undefined) {
    const fallback = parseLifetime(DEFAULT_TOKEN_LIFETIME);
    if (fallback === null)
      throw new Error(`DEFAULT_TOKEN_LIFETIME '${DEFAULT_TOKEN_LIFETIME}' is not a lifetime parseLifetime reads`);
    return Math.min(fallback, max);
  }
  const seconds = parseLifetime(expiresIn);
  if (seconds === null)
    throw new InvalidTokenError(
      `a token's lifetime must be a whole number and a unit s, m, h or d (e.g. 30m, 8h, 1d), got '${expiresIn}'`,
    );
  if (seconds > max) {
    throw new InvalidTokenError(
      `a token may live at most ${hours(max)} (${MAX_LIFETIME_RULE}); '${expiresIn}' is ${hours(seconds)}`,
    );
  }
  return seconds;
}

export async function mintToken(
  secret: string,
  claims: TokenClaims,
  options: TokenLifetimePolicy & { expiresIn?: string } = {},
): Promise<string> {
  if (!ROLES.includes(claims.role)) throw new InvalidTokenError(`role must be one of ${ROLES.join(', ')}`);
  if (!claims.sub) throw new InvalidTokenError('sub must not be empty');
  if (!isId(claims.organisationId)) throw new InvalidTokenError('organisationId must be an id');
  const expiresIn = tokenLifetimeSeconds(options.expiresIn, options);
  return new JwtService({ secret }).signAsync({ ...claims }, { algorithm: 'HS256', expiresIn });
}

/**
 * The actor a bearer token names. Refused (InvalidTokenError, 401 at the API): a bad signature or algorithm, an
 * expired token, a claim missing, no `exp`, or an `exp` further than the maximum lifetime after `iat` or after now.
 */
export async function actorFromToken(
  secret: string,
  token: string,
  policy: TokenLifetimePolicy = {},
  nowMs: number = Date.now(),
): Promise<Actor> {
  let payload: Record<string, unknown>;
  try {
    payload = await verifierFor(secret).verifyAsync(token, {
      algorithms: ['HS256'],
      clockTimestamp: Math.floor(nowMs / 1000),
    });
  } catch (error) {
    throw new InvalidTokenError(`bearer token is not valid: ${(error as Error).message}`);
  }
  const { sub, role, organisationId } = payload;
  if (typeof sub !== 'string' || !sub) throw new InvalidTokenError('bearer token has no sub');
  if (typeof role !== 'string' || !ROLES.includes(role as Role))
    throw new InvalidTokenError('bearer token has no valid role');
  if (typeof organisationId !== 'string' || !organisationId)
    throw new InvalidTokenError('bearer token has no organisationId');
  requireBoundedLifetime(payload, maxLifetimeSeconds(policy), nowMs / 1000);
  return { userId: sub, role: role as Role, organisationId };
}

let verifier: { secret: string; service: JwtService } | null = null;

/**
 * The verifier for a secret, made once: the secret as a crypto KeyObject, so that no verification builds a key
 * from the string again (jsonwebtoken would try it as a public key first, then as a secret, on every token).
 */
function verifierFor(secret: string): JwtService {
  if (verifier?.secret !== secret) {
    const key: KeyObject = createSecretKey(Buffer.from(secret));
    verifier = { secret, service: new JwtService({ secret: key as unknown as string }) };
  }
  return verifier.service;
}

/** `exp` present, and no further than the maximum after `iat` (when given) nor after now (the clock skew allowed). */
function requireBoundedLifetime({ exp, iat }: Record<string, unknown>, max: number, now: number): void {
  if (typeof exp !== 'number') {
    throw new InvalidTokenError(
      `bearer token has no exp: every token must expire, at most ${hours(max)} after it is issued (${MAX_LIFETIME_RULE}); mint one with \`npm run cli -- token\``,
    );
  }
  if (iat !== undefined && typeof iat !== 'number')
    throw new InvalidTokenError('bearer token has an iat that is not a time (seconds since 1970)');
  if (typeof iat === 'number' && exp - iat > max) {
    throw new InvalidTokenError(
      `bearer token lives too long: exp is ${hours(exp - iat)} after iat, at most ${hours(max)} is allowed (${MAX_LIFETIME_RULE})`,
    );
  }
  if (exp - now > max + CLOCK_SKEW_SECONDS) {
    throw new InvalidTokenError(
      `bearer token lives too long: exp is ${hours(exp - now)} from now, at most ${hours(max)} is allowed (${MAX_LIFETIME_RULE})`,
    );
  }
}
