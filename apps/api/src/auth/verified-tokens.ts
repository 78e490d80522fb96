import { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { Actor } from '@benefit-ledger/domain';

/** How many tokens are remembered; past it the oldest is forgotten (it is verified again if it comes back). */
const REMEMBERED_TOKENS = 1_000;

/**
 * Bearer tokens already verified, with their actor, until they expire. A client sends the same token with every
 * request, and verifying it (HMAC, JSON, claims) is a fixed cost per request; a token that passed once passes again
 * until its `exp`: nothing else about it changes with time (its lifetime from now only shrinks, and a `nbf` once
 * reached stays reached). From the second of `exp` on it is verified again, and refused as before. Only tokens that
 * passed are kept: a refusal is always worked out, and worded, by the verification itself. One instance per app,
 * shared by the bearer guard (which remembers) and the fast cost lane (which only takes remembered tokens).
 */
@Injectable()
export class VerifiedTokens {
  private readonly verified = new Map<string, { actor: Actor; expiresAtSeconds: number }>();

  /** The actor of a token verified before that has not expired at `nowMs`, or undefined. */
  actorOf(token: string, nowMs: number): Actor | undefined {
    const entry = this.verified.get(token);
    if (!entry) return undefined;
    // jsonwebtoken refuses a token once floor(now in seconds) >= exp
    if (Math.floor(nowMs / 1000) < entry.expiresAtSeconds) return { ...entry.actor }; // a copy: each request its own
    this.verified.delete(token);
    return undefined;
  }

  remember(token: string, actor: Actor): void {
    const expiresAtSeconds = expiryOf(token);
    if (expiresAtSeconds === undefined) return;
    if (this.verified.size >= REMEMBERED_TOKENS) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, { actor, expiresAtSeconds });
  }
}

/** `exp` of a token that has just been verified (so its payload is known to be JSON with a numeric exp). */
function expiryOf(token: string): number | undefined {
  const payload = token.split('.')[1];
  const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
  return typeof exp === 'number' ? exp : undefined;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerTokenOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  return (header ? /^Bearer\s+(\S+)$/i.exec(header) : null)?.[1] ?? null;
}
