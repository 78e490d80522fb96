import { FinanceReportEvent } from './finance/finance-report.events';
import { InterventionEvent } from './intervention/intervention.events';
import { OrganisationEvent } from './organisation/organisation.events';
import { PartnershipEvent } from './partnership/partnership.events';
import { PeriodEvent } from './period/period.events';
import { StreamKind } from './shared/stream-names';
import { UnitCostEvent } from './valuation/unit-cost.events';

/**
 * Each kind of stream's event union: what its decider decides and folds. Everything that reacts to events per
 * stream (projections, the public contract) is typed over this map, so an event type added to a union does not
 * compile until each of them has decided what to do with it (docs/adding-an-event.md).
 */
export interface StreamEvents {
  organisation: OrganisationEvent;
  intervention: InterventionEvent;
  partnership: PartnershipEvent;
  period: PeriodEvent;
  financeReport: FinanceReportEvent;
  unitCost: UnitCostEvent;
}

/** Any event of the ledger's streams (a kind of stream in STREAM_PREFIXES without its union here does not compile). */
export type LedgerEvent = StreamEvents[StreamKind];

/** The event of one type within a union: `EventOfType<InterventionEvent, 'CostRecorded'>`. */
export type EventOfType<E extends { type: string }, T extends E['type']> = Extract<E, { type: T }>;
