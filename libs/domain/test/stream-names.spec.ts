import {
  STREAM_KINDS,
  STREAM_PREFIXES,
  financeReportStreamId,
  interventionStreamId,
  organisationStreamId,
  partnershipStreamId,
  periodStreamId,
  streamKindOf,
  unitCostStreamId,
} from '../src';

describe('stream names: each kind of stream’s prefix, written once', () => {
  it('gives every stream id its kind’s prefix, and reads the kind and entity id back', () => {
    const ids: [string, (typeof STREAM_KINDS)[number], string][] = [
      [organisationStreamId('acute-a'), 'organisation', 'acute-a'],
      [interventionStreamId('frailty'), 'intervention', 'frailty'],
      [partnershipStreamId('p-1'), 'partnership', 'p-1'],
      [periodStreamId('2019/20'), 'period', '2019-20'],
      [financeReportStreamId('acute-a', '2019/20'), 'financeReport', 'acute-a-2019-20'],
      [unitCostStreamId('bed-day'), 'unitCost', 'bed-day'],
    ];
    for (const [streamId, kind, entityId] of ids) {
      expect(streamId).toBe(`${STREAM_PREFIXES[kind]}${entityId}`);
      expect(streamKindOf(streamId)).toEqual({ kind, entityId });
    }
    expect(ids.map(([, kind]) => kind).sort()).toEqual([...STREAM_KINDS].sort());
  });

  it('names no kind for a stream that is not the domain’s', () => {
    expect(streamKindOf('idempotency-abc')).toBeNull();
    expect(streamKindOf('benefit-ledger.internal.relay')).toBeNull();
  });

  it('has no prefix that begins another (routing by prefix is unambiguous)', () => {
    const prefixes = Object.values(STREAM_PREFIXES);
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });
});
