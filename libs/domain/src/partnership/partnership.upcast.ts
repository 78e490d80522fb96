import { PartnershipEvent } from './partnership.events';

/**
 * A partnership event as stored -> the current shape, pure (applied as events are folded; the stored event and the hash
 * chain stay untouched). Version 1 of PartnershipCostRecorded had no `costType`: a partnership cost is the cost of
 * taking part in the programme itself, so it reads as `direct`.
 */
export function upcastPartnershipEvent(event: PartnershipEvent): PartnershipEvent {
  if (event.type === 'PartnershipCostRecorded' && !('costType' in (event.data as object))) {
    return { ...event, data: { ...event.data, costType: 'direct' } };
  }
  return event;
}
