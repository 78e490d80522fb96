/**
 * An answer with each figure {pence, ref} replaced by its pence (and each ROI's ref dropped): for tests that check
 * the arithmetic of an answer whose references they check elsewhere.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, as supertest's body is
export function plainFigures(answer: unknown): any {
  if (Array.isArray(answer)) return answer.map((x) => plainFigures(x));
  if (typeof answer !== 'object' || answer === null) return answer;
  const record = answer as Record<string, unknown>;
  if (typeof record.ref === 'string' && typeof record.pence === 'number' && Object.keys(record).length === 2)
    return record.pence;
  return Object.fromEntries(
    Object.entries(record)
      .filter(([key]) => key !== 'ref')
      .map(([key, value]) => [key, plainFigures(value)]),
  );
}

/** The sum of figures `{ pence, ref }` of an untyped answer, to check that its parts add up to its total. */
export const sumPence = (...figures: { pence: number }[]): number =>
  figures.reduce((total, figure) => total + figure.pence, 0);
