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

export function reconciliationTable(reconciliation: Reconciliation): Table {
  const rows: Table['rows'] = [];
  const row = (section: string, measure: string, figure: Figure, more: Record<string, string> = {}) =>
    rows.push({
      section,
      lineId: null,
      description: null,
      status: null,
      interventionId: null,
      benefitId: null,
      ...more,
      measure,
      pence: figure.pence,
      ref: figure.ref,
    });
  for (const reportLine of reconciliation.lines) {
    const line = { lineId: reportLine.lineId, description: reportLine.description, status: reportLine.status };
    row('line', 'reported', reportLine.reportedPence, line);
    row('line', 'evidenced', reportLine.evidencedPence, line);
    row('line', 'variance', reportLine.variancePence, line);
    for (const linked of reportLine.benefits)
      row('line-benefit', 'linked', linked.linkedPence, {
        lineId: reportLine.lineId,
        interventionId: linked.interventionId,
        benefitId: linked.benefitId,
      });
  }
  for (const unclaimed of reconciliation.unclaimedBenefits)
    row('unclaimed', 'unclaimed', unclaimed.unclaimedPence, {
      interventionId: unclaimed.interventionId,
      benefitId: unclaimed.benefitId,
    });
  for (const [name, f] of Object.entries(reconciliation.totals)) row('total', words(name), f);
  for (const [side, splits] of Object.entries(reconciliation.splits))
    for (const [name, f] of Object.entries(splits)) row('split', `${words(side)} ${words(name)}`, f);
  return {
    columns: ['section', 'lineId', 'description', 'status', 'interventionId', 'benefitId', 'measure', 'pence', 'ref'],
    rows,
  };
}

type OrganisationValue = ReturnType<ReadModelQueries['organisationValue']>;

export function organisationValueTable(value: OrganisationValue): Table {
  const rows: Table['rows'] = [];
  const row = (measure: string, figure: Figure) =>
    rows.push({
      organisationId: value.organisationId,
      financialYear: value.financialYear,
      measure,
      pence: figure.pence,
      ref: figure.ref,
    });
  const landedHere = value.landedHere;
  row('invested', value.investedPence);
  row('landed here', landedHere.totalPence);
  row('landed here from own investment', landedHere.fromOwnInvestmentPence);
  for (const [type, figure] of Object.entries(landedHere.byType)) row(`landed here: type ${type}`, figure);
  for (const [lens, figure] of Object.entries(landedHere.byLens)) row(`landed here: lens ${lens}`, figure);
  row('landed here: cash-releasing', landedHere.cashPence);
  row('landed here: not cash-releasing', landedHere.nonCashPence);
  row('landed here: recurrent', landedHere.recurrentPence);
  row('landed here: non-recurrent', landedHere.nonRecurrentPence);
  row('investment landed', value.investmentLanded.totalPence);
  row('investment landed here', value.investmentLanded.herePence);
  row('investment landed elsewhere', value.investmentLanded.elsewherePence);
  for (const landed of value.investmentLanded.byOrganisation)
    row(`investment landed at ${landed.organisationId}`, landed);
  row('net', value.netPence);
  return { columns: ['organisationId', 'financialYear', 'measure', 'pence', 'ref'], rows };
}

type SystemFlows = ReturnType<ReadModelQueries['systemFlows']>;

export function systemFlowsTable(flows: SystemFlows): Table {
  const rows: Table['rows'] = flows.links.map((link) => ({
    financialYear: flows.financialYear,
    kind: 'link',
    from: link.from,
    to: link.to,
    pence: link.valuePence,
    ref: link.ref,
  }));
  for (const [name, figure] of Object.entries(flows.totals))
    rows.push({
      financialYear: flows.financialYear,
      kind: `total ${words(name)}`,
      from: null,
      to: null,
      pence: figure.pence,
      ref: figure.ref,
    });
  return { columns: ['financialYear', 'kind', 'from', 'to', 'pence', 'ref'], rows };
}
