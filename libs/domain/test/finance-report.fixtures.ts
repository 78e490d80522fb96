/** Events and commands of one organisation's waste-reduction report, with plain defaults. */
import {
  BenefitLinkRequest,
  FinanceReportEvent,
  LinkReportLine,
  LinkableBenefit,
  ReportLine,
  ReportLineLinked,
  ReportWasteReduction,
  WasteReductionReported,
} from '../src';
import { FY, SOURCE } from './intervention.fixtures';

export const TRUST = 'acute-trust';

export const line = (lineId: string, amountPence: number, over: Partial<ReportLine> = {}): ReportLine => ({
  lineId,
  description: `scheme ${lineId}`,
  amountPence,
  cashReleasing: true,
  recurrent: true,
  ...over,
});

/** Three lines: L1 £300,000 (cash-releasing, recurrent), L2 £200,000 (non-cash, recurrent), L3 £50,000 (cash, non-recurrent). */
export const LINES = [
  line('L1', 30_000_000),
  line('L2', 20_000_000, { cashReleasing: false }),
  line('L3', 5_000_000, { recurrent: false }),
];

export const reportWasteReduction = (over: Partial<ReportWasteReduction> = {}): ReportWasteReduction => ({
  type: 'ReportWasteReduction',
  organisationId: TRUST,
  financialYear: FY,
  totalPence: 55_000_000,
  lines: LINES,
  source: SOURCE,
  ...over,
});

export const reported = (version = 1, over: Partial<WasteReductionReported['data']> = {}): WasteReductionReported => ({
  type: 'WasteReductionReported',
  data: {
    organisationId: TRUST,
    financialYear: FY,
    version,
    totalPence: 55_000_000,
    lines: LINES,
    source: SOURCE,
    ...over,
  },
});

export const linked = (
  lineId: string,
  benefits: { interventionId?: string; benefitId: string; amountPence: number }[],
  version = 1,
): ReportLineLinked => ({
  type: 'ReportLineLinked',
  data: {
    version,
    lineId,
    benefits: benefits.map((b) => ({
      interventionId: b.interventionId ?? 'int-1',
      benefitId: b.benefitId,
      amountPence: b.amountPence,
    })),
  },
});

export const signedOff = (version = 1, reportedPence = 55_000_000, evidencedPence = 0): FinanceReportEvent => ({
  type: 'ReconciliationSignedOff',
  data: { version, reportedPence, evidencedPence, note: 'agreed with the director of finance' },
});

/** A validated benefit landing at the trust in the report's year, as the edge would read it. */
export const benefit = (
  benefitId: string,
  validatedValuePence: number | null,
  over: Partial<LinkableBenefit> = {},
): LinkableBenefit => ({
  interventionId: 'int-1',
  benefitId,
  benefitType: 'cash-releasing',
  recurrence: 'recurrent',
  financialYear: FY,
  landingOrganisationId: TRUST,
  status: validatedValuePence === null ? 'claimed' : 'validated',
  validatedValuePence,
  ...over,
});

export const ask = (
  b: LinkableBenefit | null,
  amountPence: number | null = null,
  field = 'benefits[0]',
  ids = { interventionId: 'int-1', benefitId: 'b' },
): BenefitLinkRequest => ({
  interventionId: b?.interventionId ?? ids.interventionId,
  benefitId: b?.benefitId ?? ids.benefitId,
  amountPence,
  field,
  benefit: b,
});

export const linkLine = (lineId: string, ...benefits: BenefitLinkRequest[]): LinkReportLine => ({
  type: 'LinkReportLine',
  lineId,
  benefits: benefits.map((b, i) => ({ ...b, field: b.field === 'benefits[0]' ? `benefits[${i}]` : b.field })),
});
