import { Figure, ReadModelQueries } from '@benefit-ledger/projections';

/**
 * Query answers as tables for export: one row per figure, with its reference (pass it to /trace).
 * Each report names its columns; csv-stringify writes them.
 */
export interface Table {
  columns: string[];
  rows: Record<string, string | number | boolean | null>[];
}

type Reconciliation = {
  lines: {
    lineId: string;
    description: string;
    status: string;
    reportedPence: Figure;
    evidencedPence: Figure;
    variancePence: Figure;
    benefits: { interventionId: string; benefitId: string; linkedPence: Figure }[];
  }[];
  unclaimedBenefits: { interventionId: string; benefitId: string; unclaimedPence: Figure }[];
  totals: Record<string, Figure>;
  splits: Record<string, Record<string, Figure>>;
};

const words = (camel: string) => camel.replace(/Pence$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function reconciliationTable(r: Reconciliation): Table {
  const rows: Table['rows'] = [];
  const row = (section: string, measure: string, f: Figure, more: Record<string, string> = {}) =>
    rows.push({
      section,
      lineId: null,
      description: null,
      status: null,
      interventionId: null,
      benefitId: null,
      ...more,
      measure,
      pence: f.pence,
      ref: f.ref,
    });
  for (const l of r.lines) {
    const line = { lineId: l.lineId, description: l.description, status: l.status };
    row('line', 'reported', l.reportedPence, line);
    row('line', 'evidenced', l.evidencedPence, line);
    row('line', 'variance', l.variancePence, line);
    for (const b of l.benefits)
      row('line-benefit', 'linked', b.linkedPence, {
        lineId: l.lineId,
        interventionId: b.interventionId,
        benefitId: b.benefitId,
      });
  }
  for (const b of r.unclaimedBenefits)
    row('unclaimed', 'unclaimed', b.unclaimedPence, { interventionId: b.interventionId, benefitId: b.benefitId });
  for (const [name, f] of Object.entries(r.totals)) row('total', words(name), f);
  for (const [side, splits] of Object.entries(r.splits))
    for (const [name, f] of Object.entries(splits)) row('split', `${words(side)} ${words(name)}`, f);
  return {
    columns: ['section', 'lineId', 'description', 'status', 'interventionId', 'benefitId', 'measure', 'pence', 'ref'],
    rows,
  };
}

type OrganisationValue = ReturnType<ReadModelQueries['organisationValue']>;

export function organisationValueTable(v: OrganisationValue): Table {
  const rows: Table['rows'] = [];
  const row = (measure: string, f: Figure) =>
    rows.push({
      organisationId: v.organisationId,
      financialYear: v.financialYear,
      measure,
      pence: f.pence,
      ref: f.ref,
    });
  const h = v.landedHere;
  row('invested', v.investedPence);
  row('landed here', h.totalPence);
  row('landed here from own investment', h.fromOwnInvestmentPence);
  for (const [t, f] of Object.entries(h.byType)) row(`landed here: type ${t}`, f);
  for (const [l, f] of Object.entries(h.byLens)) row(`landed here: lens ${l}`, f);
  row('landed here: cash-releasing', h.cashPence);
  row('landed here: not cash-releasing', h.nonCashPence);
  row('landed here: recurrent', h.recurrentPence);
  row('landed here: non-recurrent', h.nonRecurrentPence);
  row('investment landed', v.investmentLanded.totalPence);
  row('investment landed here', v.investmentLanded.herePence);
  row('investment landed elsewhere', v.investmentLanded.elsewherePence);
  for (const f of v.investmentLanded.byOrganisation) row(`investment landed at ${f.organisationId}`, f);
  row('net', v.netPence);
  return { columns: ['organisationId', 'financialYear', 'measure', 'pence', 'ref'], rows };
}

type SystemFlows = ReturnType<ReadModelQueries['systemFlows']>;

export function systemFlowsTable(s: SystemFlows): Table {
  const rows: Table['rows'] = s.links.map((l) => ({
    financialYear: s.financialYear,
    kind: 'link',
    from: l.from,
    to: l.to,
    pence: l.valuePence,
    ref: l.ref,
  }));
  for (const [name, f] of Object.entries(s.totals))
    rows.push({
      financialYear: s.financialYear,
      kind: `total ${words(name)}`,
      from: null,
      to: null,
      pence: f.pence,
      ref: f.ref,
    });
  return { columns: ['financialYear', 'kind', 'from', 'to', 'pence', 'ref'], rows };
}
