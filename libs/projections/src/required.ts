/**
 * Narrowing for what the ledger guarantees but the types cannot say: a row a query has just read, a field every
 * event of that type records. Each throws naming what was missing, so a broken guarantee fails loudly instead of
 * turning into `undefined` in a figure.
 */

/** The value a map holds for a key that must be there. */
export function required<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`${what} ${String(key)} is missing`);
  return value;
}

/** A value that must be present (neither undefined nor null). */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}

/** A text field (an id) every event of its type records; its absence names the event and where it is in the log. */
export function recordedText(
  event: { type: string; position: number; data: Readonly<Record<string, unknown>> },
  field: string,
): string {
  const value = event.data[field];
  if (typeof value !== 'string')
    throw new Error(`${event.type} event at position ${event.position} records no ${field}`);
  return value;
}
