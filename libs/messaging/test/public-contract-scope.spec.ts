import { STREAM_PREFIXES } from '@benefit-ledger/domain';
import { PUBLIC_EVENTS_V1, PUBLIC_STREAM_PREFIXES, isPublished } from '../src';

describe('public contract v1: which streams and types it covers', () => {
  it('covers organisation, intervention and partnership streams, by the domain’s own prefixes', () => {
    expect(PUBLIC_STREAM_PREFIXES).toEqual([
      STREAM_PREFIXES.organisation,
      STREAM_PREFIXES.intervention,
      STREAM_PREFIXES.partnership,
    ]);
  });

  it('publishes no event of the streams that stay inside, nor an unknown type', () => {
    for (const type of [
      'PeriodClosed',
      'WasteReductionReported',
      'UnitCostPublished',
      'IdempotentResponseRecorded',
      'constructor',
    ])
      expect({ type, published: isPublished(type) }).toEqual({ type, published: false });
  });

  it('publishes each type that has fields in the contract', () => {
    for (const [type, entry] of Object.entries(PUBLIC_EVENTS_V1))
      expect({ type, published: isPublished(type) }).toEqual({ type, published: entry !== 'internal' });
    expect(isPublished('BenefitClaimed')).toBe(true);
  });
});
