import { formatPounds } from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { present, recordedText as idOf } from '../required';
import { FigureBook, Term } from './figure-book';

/**
 * The single lines of an intervention's record as figures of its value (the `intervention-value` query), so that a
 * page can show each one as a link to its trace: a cost, a benefit's claimed and validated value, a capacity
 * release's cash and the value of its reinvested activity, and the amount each event records (a timeline entry).
 */
export const interventionLineKeys = {
  cost: (costId: string) => ['line', 'cost', costId],
  claimed: (benefitId: string) => ['line', 'claimed', benefitId],
  validated: (benefitId: string) => ['line', 'validated', benefitId],
  cashReleased: (releaseId: string) => ['line', 'cash-released', releaseId],
  reinvestedValue: (releaseId: string) => ['line', 'reinvested-value', releaseId],
  /** Validated value landing at one organisation. */
  landsAt: (organisationId: string) => ['line', 'lands-at', organisationId],
  /** The amount the event at this global position records. */
  recorded: (position: number) => ['recorded', String(position)],
};
const keys = interventionLineKeys;

/** The amount an intervention event records, in words; null for an event that records none. */
export function recordedAmount(type: string, data: Record<string, unknown>): { pence: number; what: string } | null {
  const recorded = data as {
    costId?: string;
    costType?: string;
    financialYear?: string;
    bearerOrganisationId?: string;
    amountPence?: number;
    benefitId?: string;
    valuePence?: number | null;
    validatedValuePence?: number;
    releaseId?: string;
    budgetLine?: string;
    into?: { description: string };
  };
  // every event of these types records its amount (intervention.events.ts): a missing one is a broken event
  const pence = (amount: number | null | undefined) => present(amount, `the amount of a ${type} event`);
  switch (type) {
    case 'CostRecorded':
      return {
        pence: pence(recorded.amountPence),
        what: `cost ${recorded.costId} (${recorded.costType}, ${recorded.financialYear}) borne by ${recorded.bearerOrganisationId}`,
      };
    case 'BenefitClaimed':
      return {
        pence: pence(recorded.valuePence),
        what: `benefit ${recorded.benefitId} claimed (${recorded.financialYear})`,
      };
    case 'BenefitRevised':
      return { pence: pence(recorded.valuePence), what: `benefit ${recorded.benefitId} revised` };
    case 'BenefitValidated':
      return { pence: pence(recorded.validatedValuePence), what: `benefit ${recorded.benefitId} validated by finance` };
    case 'BenefitActualRecorded':
      return {
        pence: pence(recorded.valuePence),
        what: `benefit ${recorded.benefitId}: actual for ${recorded.financialYear}`,
      };
    case 'CashReleased':
      return {
        pence: pence(recorded.amountPence),
        what: `cash released from ${recorded.releaseId} (${recorded.budgetLine})`,
      };
    case 'CapacityReinvested':
      return typeof recorded.valuePence === 'number'
        ? {
            pence: recorded.valuePence,
            what: `capacity of ${recorded.releaseId} reinvested in ${recorded.into?.description}`,
          }
        : null;
    default:
      return null;
  }
}

/**
 * Adds the line figures to the book, from the stream's events up to the cutoff (already cut). With a financial year,
 * only that year's costs, benefits and releases have lines; every event's own amount is a figure whatever its year.
 * A claim's revisions are terms of the difference they make, so the claimed line is the value as last revised.
 */
export function addInterventionLineFigures(
  events: readonly RecordedEvent[],
  key: (parts: readonly string[]) => string,
  financialYear: string | null,
  book: FigureBook,
): void {
  const inYear = (year: unknown) => financialYear === null || year === financialYear;
  const claimed = new Map<string, { pence: number; inYear: boolean; landingOrganisationId: string }>();
  const releasesInYear = new Set<string>();
  for (const event of events) {
    // a release records no amount of its own, but opens the year's lines for its cash and reinvested value
    if (event.type === 'CapacityReleased') {
      if (inYear(event.data.financialYear)) releasesInYear.add(idOf(event, 'releaseId'));
      continue;
    }
    const amount = recordedAmount(event.type, event.data);
    if (!amount) continue;
    const term = (note: string, pence: number) => (): Term => ({ note, amount: pence, positions: [event.position] });
    const line = term(`${amount.what} ${formatPounds(amount.pence)}`, amount.pence);
    book.add(key(keys.recorded(event.position)), amount.pence, line);
    const year = event.data.financialYear;
    switch (event.type) {
      case 'CostRecorded':
        if (inYear(year)) book.add(key(keys.cost(idOf(event, 'costId'))), amount.pence, line);
        break;
      case 'BenefitClaimed': {
        const benefitId = idOf(event, 'benefitId');
        claimed.set(benefitId, {
          pence: amount.pence,
          inYear: inYear(year),
          landingOrganisationId: idOf(event, 'landingOrganisationId'),
        });
        if (inYear(year)) book.add(key(keys.claimed(benefitId)), amount.pence, line);
        break;
      }
      case 'BenefitRevised': {
        const benefitId = idOf(event, 'benefitId');
        const before = claimed.get(benefitId);
        if (!before) break;
        const change = amount.pence - before.pence;
        claimed.set(benefitId, { ...before, pence: amount.pence });
        if (before.inYear)
          book.add(
            key(keys.claimed(benefitId)),
            change,
            term(`${amount.what} from ${formatPounds(before.pence)} to ${formatPounds(amount.pence)}`, change),
          );
        break;
      }
      case 'BenefitValidated': {
        const benefitId = idOf(event, 'benefitId');
        const claim = claimed.get(benefitId);
        if (!claim?.inYear) break;
        book.add(key(keys.validated(benefitId)), amount.pence, line);
        book.add(
          key(keys.landsAt(claim.landingOrganisationId)),
          amount.pence,
          term(`${amount.what} ${formatPounds(amount.pence)}, landing at ${claim.landingOrganisationId}`, amount.pence),
        );
        break;
      }
      case 'CashReleased': {
        const releaseId = idOf(event, 'releaseId');
        if (releasesInYear.has(releaseId)) book.add(key(keys.cashReleased(releaseId)), amount.pence, line);
        break;
      }
      case 'CapacityReinvested': {
        const releaseId = idOf(event, 'releaseId');
        if (releasesInYear.has(releaseId)) book.add(key(keys.reinvestedValue(releaseId)), amount.pence, line);
        break;
      }
      default:
        break;
    }
  }
  // a release with no cash or reinvested value yet still has its lines (£0.00), each a figure
  for (const releaseId of releasesInYear) {
    book.add(key(keys.cashReleased(releaseId)), 0);
    book.add(key(keys.reinvestedValue(releaseId)), 0);
  }
}
