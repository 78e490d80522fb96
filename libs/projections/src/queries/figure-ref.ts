import { DomainError, invalidReference } from '@benefit-ledger/domain';

/** The queries whose figures can be traced. */
export const FIGURE_QUERIES = [
  'system-flows',
  'organisation-value',
  'capacity',
  'partnership-attribution',
  'reconciliation',
  'intervention-value',
] as const;
export type FigureQuery = (typeof FIGURE_QUERIES)[number];

export interface FigureRef {
  query: FigureQuery;
  /** The query's parameters, normalised (asAt as ISO, upTo as a position). */
  params: Record<string, string | number | null>;
  /** The figure's key within the query's FigureBook. */
  key: string;
}

const PREFIX = 'fig1.';

/** A figure reference: opaque to clients, a versioned base64url JSON of {query, params, key}. */
export function encodeFigureRef(ref: FigureRef): string {
  return PREFIX + Buffer.from(JSON.stringify([ref.query, ref.params, ref.key]), 'utf8').toString('base64url');
}

export function decodeFigureRef(text: string): FigureRef {
  const bad = (why: string): DomainError =>
    invalidReference('figure', `figure is not a figure reference returned by a query (${why})`);
  if (!text.startsWith(PREFIX)) throw bad(`it must start with '${PREFIX}'`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw bad('it does not decode');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad('wrong shape');
  const [query, params, key] = parsed as [unknown, unknown, unknown];
  if (typeof query !== 'string' || !(FIGURE_QUERIES as readonly string[]).includes(query)) throw bad('unknown query');
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw bad('bad parameters');
  if (typeof key !== 'string') throw bad('bad key');
  return { query: query as FigureQuery, params: params as FigureRef['params'], key };
}
