import { canonicalEqual } from '@benefit-ledger/domain';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where `given` says something `recorded` does not: the path of the first field of `given` (recursing into objects)
 * whose value differs, or null when every field given matches. Fields `recorded` has beyond `given` (e.g. the
 * catalogue edition the system filled in) do not count.
 */
export function firstDifference(given: unknown, recorded: unknown, path = ''): string | null {
  if (isPlainObject(given) && isPlainObject(recorded)) {
    for (const [key, value] of Object.entries(given)) {
      if (value === undefined) continue;
      const found = firstDifference(value, recorded[key], path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
    return null;
  }
  return canonicalEqual(given, recorded) ? null : path;
}

/** The value at a dotted path, for messages. */
export const valueAt = (data: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((x, key) => (isPlainObject(x) ? x[key] : undefined), data);
