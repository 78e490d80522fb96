import { ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { Request } from 'express';
import { APP_CONFIG, AppConfig, actorFromToken } from '@benefit-ledger/application';
import { VerifiedTokens, bearerTokenOf } from '../auth/verified-tokens';
import { JWT_SECRET } from '../auth/jwt-secret.token';

const USER = 'user:';

/**
 * RATE_LIMIT_PER_MINUTE per user: requests are counted by the valid token's `sub` across every route, and by
 * client address when there is no valid token. It runs before the bearer guard, so a flood of bad tokens is
 * limited too; only a verified `sub` names a user, so no one can spend another user's allowance.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(JWT_SECRET) private readonly secret: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly verifiedTokens: VerifiedTokens,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: Request): Promise<string> {
    const token = bearerTokenOf(request);
    if (token) {
      const remembered = this.verifiedTokens.actorOf(token, Date.now()); // verified before, not expired: the same user
      if (remembered) return `${USER}${remembered.userId}`;
      try {
        const actor = await actorFromToken(this.secret, token, { maxLifetimeHours: this.config.tokenMaxLifetimeHours });
        return `${USER}${actor.userId}`;
      } catch {
        // not a valid token: counted by address below, and refused by the bearer guard after
      }
    }
    return `ip:${await super.getTracker(request)}`;
  }

  /** One allowance per user for the whole API, not one per route (the library's default key names the route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const who = detail.tracker.startsWith(USER) ? 'this user' : 'this address';
    return Promise.reject(
      new HttpException(
        {
          error: 'Too Many Requests',
          message: `more than ${detail.limit} requests in a minute from ${who} (RATE_LIMIT_PER_MINUTE); retry after ${detail.timeToBlockExpire} s (Retry-After)`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      ),
    );
  }
}
