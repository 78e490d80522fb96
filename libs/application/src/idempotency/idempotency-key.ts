import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** What a client may send as Idempotency-Key: 1–200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * Whose a key is: the user, acting for an organisation, in a role (the claims of a bearer token). The same user
 * acting for another organisation or in another role has keys of its own, so an answer given to one is never
 * replayed to the other, and the commands of each get ids of their own.
 */
export interface IdempotencyScope {
  userId: string;
  organisationId: string;
  role: string;
}

/** sha256 of the RFC 8785 canonical JSON of the scope and key (and a label): no two different inputs share a text. */
function digest(scope: IdempotencyScope, key: string, label?: string): Buffer {
  const text = canonicalize([
    'idempotency-key/v2',
    scope.userId,
    scope.organisationId,
    scope.role,
    key,
    ...(label === undefined ? [] : [label]),
  ]);
  if (text === undefined) throw new Error('an array of strings always has a canonical form'); // canonicalize answers undefined only for undefined
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The stream that records the first answer to a key in a scope. */
export const idempotencyStreamId = (scope: IdempotencyScope, key: string) =>
  `idempotency-${digest(scope, key).toString('hex')}`;

/**
 * Where answers were recorded before keys were scoped by organisation and role: by user alone. Read only, to find
 * an answer an older version recorded (IdempotencyRecords.lookup checks its organisation and role).
 */
export const legacyIdempotencyStreamId = (userId: string, key: string) =>
  `idempotency-${createHash('sha256').update(`${userId}\n${key}`, 'utf8').digest('hex')}`;

/** A request's fingerprint: sha256 of the RFC 8785 canonical JSON of {method, path, body}. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  const text = canonicalize({ method, path, body: body ?? null }) ?? 'null';
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Ids derived from (scope, key): a retry, or a twin racing the first request, makes the same event ids, so the
 * store's idempotency by event id collapses them into the first append. Lowercase UUID form (RFC 9562 version 8,
 * "custom"), which EventStoreDB also accepts.
 */
export interface DeterministicIds {
  /** The command's i-th event id. */
  eventIdAt: (index: number) => string;
  /** An id for an entity the client did not name (one per request). */
  entityId: () => string;
  /** The id of the event that records the answer. */
  responseEventId: string;
}

export function deterministicIds(scope: IdempotencyScope, key: string): DeterministicIds {
  const id = (label: string) => {
    const b = digest(scope, key, label);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.subarray(0, 16).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  };
  return { eventIdAt: (index) => id(`event ${index}`), entityId: () => id('entity'), responseEventId: id('response') };
}
