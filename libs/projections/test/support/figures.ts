import { RecordedEvent } from '@benefit-ledger/event-store';
import { ReadModelQueries } from '../../src';

/** A figure found in a query's answer: where it sits, the number it shows and its reference. */
export interface FoundFigure {
  path: string;
  value: number;
  ref: string;
}

/**
 * Every figure in an answer: any object carrying a `ref` string, with its number (`pence`, a link's
 * `valuePence`, or an ROI's `pencePerPound`).
 */
export function collectFigures(answer: unknown, path = '$'): FoundFigure[] {
  if (Array.isArray(answer)) return answer.flatMap((x, i) => collectFigures(x, `${path}[${i}]`));
  if (answer === null || typeof answer !== 'object') return [];
  const o = answer as Record<string, unknown>;
  const found: FoundFigure[] = [];
  if (typeof o.ref === 'string') {
    const value =
      typeof o.pence === 'number' ? o.pence : typeof o.valuePence === 'number' ? o.valuePence : o.pencePerPound;
    if (typeof value !== 'number') throw new Error(`figure at ${path} has a ref but no number`);
    found.push({ path, value, ref: o.ref });
  }
  for (const [k, v] of Object.entries(o)) if (k !== 'ref') found.push(...collectFigures(v, `${path}.${k}`));
  return found;
}

/**
 * Traces every figure of an answer and checks: the trace recomputes the same value, its arithmetic adds up
 * to it, every term's events are listed, and every event listed is the one the store holds at that position.
 * Returns how many figures were traced.
 */
export function expectEveryFigureTraces(
  queries: ReadModelQueries,
  answer: unknown,
  log: ReadonlyMap<number, RecordedEvent>,
): number {
  const figures = collectFigures(answer);
  for (const f of figures) {
    const ref = queries.decode(f.ref);
    const t = queries.trace(ref);
    const context = `${f.path} (${ref.query} ${ref.key} ${JSON.stringify(ref.params)})`;
    expect({ context, value: t.figure.value }).toEqual({ context, value: f.value });
    expect({ context, total: t.arithmetic.total }).toEqual({ context, total: f.value });
    expect(t.figure.query).toBe(ref.query);
    expect(t.figure.key).toEqual(JSON.parse(ref.key));
    if (f.value !== 0) expect(t.arithmetic.terms.length).toBeGreaterThan(0);
    const termPositions = new Set(t.arithmetic.terms.flatMap((term) => term.positions));
    expect({ context, positions: t.events.map((e) => e.position) }).toEqual({
      context,
      positions: [...termPositions].sort((a, b) => a - b),
    });
    for (const e of t.events) {
      const stored = log.get(e.position);
      expect(stored).toBeDefined();
      expect({
        eventId: e.eventId,
        streamId: e.streamId,
        revision: e.revision,
        type: e.type,
        hash: e.hash,
        recordedAt: e.recordedAt,
        correlationId: e.correlationId,
        actor: e.actor,
      }).toEqual({
        eventId: stored!.eventId,
        streamId: stored!.streamId,
        revision: stored!.revision,
        type: stored!.type,
        hash: stored!.metadata.hash,
        recordedAt: stored!.metadata.recordedAt,
        correlationId: stored!.metadata.correlationId,
        actor: stored!.metadata.actor,
      });
    }
  }
  return figures.length;
}
