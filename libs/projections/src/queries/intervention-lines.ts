import { formatPounds } from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
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
const K = interventionLineKeys;

/** The amount an intervention event records, in words; null for an event that records none. */
export function recordedAmount(type: string, data: Record<string, unknown>): { pence: number; what: string } | null {
  const d = data as {
    costId?: string; costType?: string; financialYear?: string; bearerOrganisationId?: string; amountPence?: number; benefitId?: string;
    valuePence?: number | null; validatedValuePence?: number; releaseId?: string; budgetLine?: string; into?: { description: string };
  };
  switch (type) {
    case 'CostRecorded': return { pence: d.amountPence!, what: `cost ${d.costId} (${d.costType}, ${d.financialYear}) borne by ${d.bearerOrganisationId}` };
    case 'BenefitClaimed': return { pence: d.valuePence!, what: `benefit ${d.benefitId} claimed (${d.financialYear})` };
    case 'BenefitRevised': return { pence: d.valuePence!, what: `benefit ${d.benefitId} revised` };
    case 'BenefitValidated': return { pence: d.validatedValuePence!, what: `benefit ${d.benefitId} validated by finance` };
    case 'BenefitActualRecorded': return { pence: d.valuePence!, what: `benefit ${d.benefitId}: actual for ${d.financialYear}` };
    case 'CashReleased': return { pence: d.amountPence!, what: `cash released from ${d.releaseId} (${d.budgetLine})` };
    case 'CapacityReinvested': return typeof d.valuePence === 'number' ? { pence: d.valuePence, what: `capacity of ${d.releaseId} reinvested in ${d.into?.description}` } : null;
    default: return null;
  }
}

/**
 * Adds the line figures to the book, from the stream's events up to the cutoff (already cut). With a financial year,
 * only that year's costs, benefits and releases have lines; every event's own amount is a figure whatever its year.
 * A claim's revisions are terms of the difference they make, so the claimed line is the value as last revised.
 */
export function addInterventionLineFigures(events: readonly RecordedEvent[], key: (parts: readonly string[]) => string, financialYear: string | null, book: FigureBook): void {
  const inYear = (year: unknown) => financialYear === null || year === financialYear;
  const claimed = new Map<string, { pence: number; inYear: boolean; landingOrganisationId: string }>();
  const releasesInYear = new Set<string>();
  for (const e of events) {
    const amount = recordedAmount(e.type, e.data);
    const term = (note: string, pence: number) => (): Term => ({ note, amount: pence, positions: [e.position] });
    if (amount) book.add(key(K.recorded(e.position)), amount.pence, term(`${amount.what} ${formatPounds(amount.pence)}`, amount.pence));
    const d = e.data as { costId?: string; benefitId?: string; releaseId?: string; financialYear?: string; landingOrganisationId?: string };
    switch (e.type) {
      case 'CostRecorded':
        if (inYear(d.financialYear)) book.add(key(K.cost(d.costId!)), amount!.pence, term(`${amount!.what} ${formatPounds(amount!.pence)}`, amount!.pence));
        break;
      case 'BenefitClaimed':
        claimed.set(d.benefitId!, { pence: amount!.pence, inYear: inYear(d.financialYear), landingOrganisationId: d.landingOrganisationId! });
        if (inYear(d.financialYear)) book.add(key(K.claimed(d.benefitId!)), amount!.pence, term(`${amount!.what} ${formatPounds(amount!.pence)}`, amount!.pence));
        break;
      case 'BenefitRevised': {
        const before = claimed.get(d.benefitId!);
        if (!before) break;
        const change = amount!.pence - before.pence;
        claimed.set(d.benefitId!, { ...before, pence: amount!.pence });
        if (before.inYear) book.add(key(K.claimed(d.benefitId!)), change, term(`${amount!.what} from ${formatPounds(before.pence)} to ${formatPounds(amount!.pence)}`, change));
        break;
      }
      case 'BenefitValidated': {
        const claim = claimed.get(d.benefitId!);
        if (!claim?.inYear) break;
        const note = `${amount!.what} ${formatPounds(amount!.pence)}`;
        book.add(key(K.validated(d.benefitId!)), amount!.pence, term(note, amount!.pence));
        book.add(key(K.landsAt(claim.landingOrganisationId)), amount!.pence, term(`${note}, landing at ${claim.landingOrganisationId}`, amount!.pence));
        break;
      }
      case 'CapacityReleased':
        if (inYear(d.financialYear)) releasesInYear.add(d.releaseId!);
        break;
      case 'CashReleased':
        if (releasesInYear.has(d.releaseId!)) book.add(key(K.cashReleased(d.releaseId!)), amount!.pence, term(`${amount!.what} ${formatPounds(amount!.pence)}`, amount!.pence));
        break;
      case 'CapacityReinvested':
        if (amount && releasesInYear.has(d.releaseId!)) book.add(key(K.reinvestedValue(d.releaseId!)), amount.pence, term(`${amount.what} ${formatPounds(amount.pence)}`, amount.pence));
        break;
      default: break;
    }
  }
  // a release with no cash or reinvested value yet still has its lines (£0.00), each a figure
  for (const releaseId of releasesInYear) {
    book.add(key(K.cashReleased(releaseId)), 0);
    book.add(key(K.reinvestedValue(releaseId)), 0);
  }
}
