import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { APP_CONFIG, AppConfig, InvalidTokenError, actorFromToken } from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { JWT_SECRET } from './jwt-secret.token';
import { IS_PUBLIC } from './public.decorator';
import { VerifiedTokens, bearerTokenOf } from './verified-tokens';

/**
 * Every route needs a valid HS256 bearer token unless marked @Public(), one that expires within the maximum
 * lifetime (TOKEN_MAX_LIFETIME_HOURS); the actor rides on the request. A token verified once is remembered until
 * it expires (verified-tokens.ts).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifiedTokens: VerifiedTokens,
    @Inject(JWT_SECRET) private readonly secret: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: unknown }>();
    const token = bearerTokenOf(request);
    if (!token)
      throw new UnauthorizedException(
        'a bearer token is required (Authorization: Bearer <token>; mint one with `npm run cli -- token`)',
      );
    const nowMs = Date.now();
    const remembered = this.verifiedTokens.actorOf(token, nowMs);
    if (remembered) {
      request.actor = remembered;
      return true;
    }
    try {
      const maxLifetimeHours = this.config.tokenMaxLifetimeHours;
      request.actor = await actorFromToken(this.secret, token, { maxLifetimeHours }, nowMs);
      this.verifiedTokens.remember(token, request.actor as Actor);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    return true;
  }
}
