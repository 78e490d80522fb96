import { JwtService } from '@nestjs/jwt';
import { Actor, ROLES, Role, isId } from '@benefit-ledger/domain';

/** Bearer tokens: HS256 JWTs carrying sub, role and organisationId (design §6). */
export interface TokenClaims {
  sub: string;
  role: Role;
  organisationId: string;
}

export class InvalidTokenError extends Error {}

export async function mintToken(secret: string, claims: TokenClaims, expiresIn: string = '12h'): Promise<string> {
  if (!ROLES.includes(claims.role)) throw new InvalidTokenError(`role must be one of ${ROLES.join(', ')}`);
  if (!claims.sub) throw new InvalidTokenError('sub must not be empty');
  if (!isId(claims.organisationId)) throw new InvalidTokenError('organisationId must be an id');
  return new JwtService({ secret }).signAsync({ ...claims }, { algorithm: 'HS256', expiresIn: expiresIn as never });
}

export async function actorFromToken(secret: string, token: string): Promise<Actor> {
  let payload: Record<string, unknown>;
  try {
    payload = await new JwtService({ secret }).verifyAsync(token, { algorithms: ['HS256'] });
  } catch (error) {
    throw new InvalidTokenError(`bearer token is not valid: ${(error as Error).message}`);
  }
  const { sub, role, organisationId } = payload;
  if (typeof sub !== 'string' || !sub) throw new InvalidTokenError('bearer token has no sub');
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new InvalidTokenError('bearer token has no valid role');
  if (typeof organisationId !== 'string' || !organisationId) throw new InvalidTokenError('bearer token has no organisationId');
  return { userId: sub, role: role as Role, organisationId };
}
