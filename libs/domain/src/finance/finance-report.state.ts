import { streamIdOf } from '../shared/stream-names';
import { DataSource } from '../shared/data-source';
import { FinancialYear, financialYearSlug, recordedFinancialYearFromSlug } from '../shared/financial-year';
import { Pence, sumPence } from '../shared/money';
import { FinanceReportEvent, LinkedBenefit, ReportLine } from './finance-report.events';

export interface FinanceReportState {
  /** 0 before any report; then the current version. */
  version: number;
  organisationId: string | null;
  financialYear: FinancialYear | null;
  totalPence: Pence;
  lines: ReportLine[];
  source: DataSource | null;
  /** Links of the current version, by line id. */
  links: Map<string, LinkedBenefit[]>;
  signedOff: boolean;
}

export const initialFinanceReportState: FinanceReportState = {
  version: 0,
  organisationId: null,
  financialYear: null,
  totalPence: 0,
  lines: [],
  source: null,
  links: new Map(),
  signedOff: false,
};

/** One stream per organisation and financial year, e.g. `finance-report-riverside-teaching-hospitals-2019-20`. */
export const financeReportStreamId = (organisationId: string, financialYear: FinancialYear) =>
  streamIdOf('financeReport', `${organisationId}-${financialYearSlug(financialYear)}`);

/** The organisation and year of a finance-report stream, from the id without its `finance-report-` prefix. */
export function financeReportOfStream(entityId: string): { organisationId: string; financialYear: FinancialYear } {
  // the id ends '-YYYY-YY'; organisation ids may contain '-'
  const financialYear = recordedFinancialYearFromSlug(entityId.slice(-7));
  // financeReportStreamId only ever writes a valid year: anything else is not a finance-report stream
  if (!financialYear)
    throw new Error(`'${streamIdOf('financeReport', entityId)}' does not end in a financial year like -2019-20`);
  return { organisationId: entityId.slice(0, -8), financialYear };
}

export function evolveFinanceReport(state: FinanceReportState, event: FinanceReportEvent): FinanceReportState {
  switch (event.type) {
    case 'WasteReductionReported': {
      const { organisationId, financialYear, version, totalPence, lines, source } = event.data;
      return { version, organisationId, financialYear, totalPence, lines, source, links: new Map(), signedOff: false };
    }
    case 'ReportLineLinked': {
      const links = new Map(state.links);
      links.set(event.data.lineId, event.data.benefits);
      return { ...state, links };
    }
    case 'ReconciliationSignedOff':
      return { ...state, signedOff: true };
    case 'RestatementRecorded':
      return state; // the change it explains follows it
  }
}

/** One key per benefit of an intervention, for maps of benefits: NUL occurs in neither id. */
export const benefitKey = (interventionId: string, benefitId: string) => `${interventionId}\u0000${benefitId}`;

/** How much of each benefit the current version's lines have linked, optionally leaving one line out. */
export function linkedByBenefit(state: FinanceReportState, exceptLineId: string | null = null): Map<string, Pence> {
  const linked = new Map<string, Pence>();
  for (const [lineId, benefits] of state.links) {
    if (lineId === exceptLineId) continue;
    for (const b of benefits) {
      const key = benefitKey(b.interventionId, b.benefitId);
      linked.set(key, sumPence([linked.get(key) ?? 0, b.amountPence]));
    }
  }
  return linked;
}

export const linkedOf = (linked: Map<string, Pence>, interventionId: string, benefitId: string): Pence =>
  linked.get(benefitKey(interventionId, benefitId)) ?? 0;

/** The value of validated benefits linked to the current version's lines. */
export const evidencedPence = (state: FinanceReportState): Pence =>
  sumPence([...state.links.values()].flatMap((benefits) => benefits.map((b) => b.amountPence)));
