import { InterventionEvent } from './intervention.events';
import { NOTHING_REGISTERED } from './benefit-register';

/** The event types whose version 2 added a required `source` (shared/event-versions.ts). */
const SOURCED_SINCE_VERSION_2 = new Set<string>([
  'BenefitValidated',
  'CapacityReleased',
  'CapacityHarvested',
  'CashReleased',
  'CapacityReinvested',
]);

/**
 * An intervention event as stored -> the current shape, pure (applied as events are folded; the stored event, and so
 * the hash chain, stay untouched). Version 1 of the validation and capacity events had no `source`: it reads as
 * null, "source not recorded". Version 1 of BenefitValidated had no `validatedQuantity`: it was the quantity claimed,
 * which only the state knows, so evolveIntervention fills it in. Version 1 of BenefitClaimed had no benefits register:
 * it reads as recording none of it. Events already current are returned as they are.
 */
export function upcastInterventionEvent(event: InterventionEvent): InterventionEvent {
  if (SOURCED_SINCE_VERSION_2.has(event.type) && !('source' in (event.data as object))) {
    return { ...event, data: { ...event.data, source: null } } as InterventionEvent;
  }
  // version 1 of BenefitClaimed had no register: it records none of it ("not recorded"); a version 1 revision left it as it was
  if (event.type === 'BenefitClaimed' && event.data.register === undefined) {
    return { ...event, data: { ...event.data, register: NOTHING_REGISTERED } };
  }
  return event;
}
