/**
 * The shape every body must have before any validator or transformer walks it: a JSON object, nested at most
 * BODY_LIMITS.depth deep, with at most BODY_LIMITS.members keys and array items in all, and no key that names
 * a prototype or one of Object's methods (FORBIDDEN_KEYS). class-validator, class-transformer and Nest's pipe walk bodies recursively, so a deep enough
 * body overflows their stack (a 500); this walk is iterative and runs first. Shared by the HTTP API (every
 * parsed JSON body) and validatePlain (Kafka messages, CSV rows).
 */

/** The limits, documented in docs/hostile-input.md. No body the API accepts comes near them (its deepest is 4 levels). */
export const BODY_LIMITS = {
  /** Objects and arrays inside one another, the body itself being level 1. */
  depth: 32,
  /** Object keys and array items, counted over the whole body. */
  members: 10_000,
} as const;

/**
 * Keys refused anywhere: `__proto__`, `prototype` and the names of Object.prototype's other members
 * (`constructor`, `toString`, `valueOf`, `hasOwnProperty`, ...). `JSON.parse` makes `__proto__` an own property
 * that a spread or assignment turns into a prototype; class-transformer silently drops a key naming an
 * inherited method, so `{"toString": 1}` would pass as if unsent instead of being refused as unknown.
 * None of them is ever a field name here.
 */
export const FORBIDDEN_KEYS: readonly string[] = [
  ...new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']),
];

export interface BodyShapeProblem {
  /** Where, as validation errors name fields: `lines[0].source`; '' for the body itself. */
  field: string;
  message: string;
  /** Which limit was passed, when one was. */
  limit?: 'depth' | 'members';
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);
const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** The first thing wrong with the shape of `body`, or null when it may go on to validation. */
export function bodyShapeProblem(body: unknown): BodyShapeProblem | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { field: '', message: `the body must be a JSON object, not ${kindOf(body)}` };
  }
  // depth-first with an explicit stack: the walk itself must not overflow on the bodies it is there to refuse
  const stack: { value: object; path: string; depth: number }[] = [{ value: body, path: '', depth: 1 }];
  let members = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path, depth } = next;
    if (depth > BODY_LIMITS.depth) {
      return {
        field: path,
        limit: 'depth',
        message: `the body is nested deeper than ${BODY_LIMITS.depth} levels (at ${path})`,
      };
    }
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_item, i) => i) : Object.keys(value);
    members += keys.length;
    if (members > BODY_LIMITS.members) {
      return {
        field: path,
        limit: 'members',
        message: `the body has more than ${BODY_LIMITS.members} keys and array items in all`,
      };
    }
    for (const key of keys) {
      const at = child(path, key);
      if (typeof key === 'string' && FORBIDDEN_KEYS.includes(key)) {
        return {
          field: at,
          message: `${at} is not allowed: __proto__, constructor, prototype and the names of Object's methods (toString, valueOf, ...) are never field names`,
        };
      }
      const item = (value as Record<string | number, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push({ value: item, path: at, depth: depth + 1 });
    }
  }
  return null;
}
