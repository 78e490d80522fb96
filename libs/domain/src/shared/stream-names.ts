/**
 * The one place a kind of stream's id prefix is written: every stream id is its prefix and the entity's id
 * (`intervention-<id>`). Projections route events by these, the relay filters by them, exports read them: none
 * retypes the string.
 */
export const STREAM_PREFIXES = {
  organisation: 'organisation-',
  intervention: 'intervention-',
  partnership: 'partnership-',
  period: 'period-',
  financeReport: 'finance-report-',
  unitCost: 'unit-cost-',
} as const;

/** A kind of ledger stream, by its decider. */
export type StreamKind = keyof typeof STREAM_PREFIXES;

/** The kinds of stream, in a fixed order. */
export const STREAM_KINDS = Object.keys(STREAM_PREFIXES) as StreamKind[];

/** The stream id of one entity of a kind of stream. */
export const streamIdOf = (kind: StreamKind, entityId: string): string => `${STREAM_PREFIXES[kind]}${entityId}`;

/**
 * The kind of stream an id names and the entity's id without the prefix, or null for a stream that is not one of
 * the ledger's own (idempotency records, infrastructure).
 */
export function streamKindOf(streamId: string): { kind: StreamKind; entityId: string } | null {
  for (const kind of STREAM_KINDS) {
    const prefix = STREAM_PREFIXES[kind];
    if (streamId.startsWith(prefix)) return { kind, entityId: streamId.slice(prefix.length) };
  }
  return null;
}
