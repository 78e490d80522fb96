/**
 * The schema version each kind of event is written with (an event's `metadata.schemaVersion`). Stored events are
 * never rewritten: an event written at an earlier version is read through its stream's upcast (a pure function from
 * the stored data to the current shape), so a ledger written before a change still verifies and folds as it did.
 *
 * Version 2 of the capacity and validation events requires a data source (as costs and claims always did); version 2
 * of BenefitValidated records the validated quantity; version 2 of PartnershipCostRecorded records its cost type;
 * version 2 of BenefitClaimed and BenefitRevised carries the benefits register (intervention/benefit-register.ts).
 * See intervention/intervention.upcast.ts and partnership/partnership.upcast.ts.
 */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<string, number>> = {
  BenefitValidated: 2,
  CapacityReleased: 2,
  CapacityHarvested: 2,
  CashReleased: 2,
  CapacityReinvested: 2,
  PartnershipCostRecorded: 2,
  BenefitClaimed: 2,
  BenefitRevised: 2,
};

/** The schema version of an event type's first shape: every type not listed above is written with it. */
export const BASE_SCHEMA_VERSION = 1;

/** The schema version new events of this type are written with (BASE_SCHEMA_VERSION unless listed). */
export const schemaVersionOf = (type: string): number => EVENT_SCHEMA_VERSIONS[type] ?? BASE_SCHEMA_VERSION;

/**
 * The event types whose data carries a `source` (where its figure came from). An event of one of these types
 * without one was written before sources were required for it: traces report it as "source not recorded".
 */
export const SOURCED_EVENT_TYPES: readonly string[] = [
  'CostRecorded',
  'MeasurementRecorded',
  'BenefitClaimed',
  'BenefitRevised',
  'BenefitValidated',
  'CapacityReleased',
  'CapacityHarvested',
  'CashReleased',
  'CapacityReinvested',
  'BenefitActualRecorded',
  'PartnershipCostRecorded',
  'UnitCostPublished',
  'WasteReductionReported',
];

/** What a trace says of an event's source: recorded, not recorded (an older event), or not a kind of event that has one. */
export function sourceNoteOf(type: string, recorded: boolean): string | null {
  if (recorded) return null;
  return SOURCED_EVENT_TYPES.includes(type) ? 'source not recorded' : 'this kind of event records no source';
}
