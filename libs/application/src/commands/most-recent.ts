/**
 * Keeps `value` under `key` as the most recently used entry of `entries` (a Map iterates in insertion order, so the
 * least recently used comes first) and drops the least recently used beyond `capacity`.
 */
export function keepAsMostRecent<K, V>(entries: Map<K, V>, key: K, value: V, capacity: number): void {
  entries.delete(key);
  entries.set(key, value);
  if (entries.size <= capacity) return;
  const oldest = entries.keys().next();
  if (!oldest.done) entries.delete(oldest.value);
}
