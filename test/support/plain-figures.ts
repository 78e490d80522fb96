/**
 * An answer with each figure {pence, ref} replaced by its pence (and each ROI's ref dropped): for tests that check
 * the arithmetic of an answer whose references they check elsewhere.
 */
export function plainFigures<T = any>(answer: unknown): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (Array.isArray(answer)) return answer.map((x) => plainFigures(x)) as T;
  if (typeof answer !== 'object' || answer === null) return answer as T;
  const record = answer as Record<string, unknown>;
  if (typeof record.ref === 'string' && typeof record.pence === 'number' && Object.keys(record).length === 2) return record.pence as T;
  return Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'ref').map(([key, value]) => [key, plainFigures(value)])) as T;
}
