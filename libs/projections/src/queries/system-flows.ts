import Database from 'better-sqlite3';
import { FigureBook } from './figure-book';
import { NO_RECORDED_INVESTMENT, flowParts } from './flow-allocation';
import { Cutoff } from './query-basis';
import { costs, interventionsInvestedBy, validatedBenefits } from './read-model-reads';

export interface SystemFlowsParams { financialYear: string | null; cutoff: Cutoff }

export const flowKeys = {
  link: (from: string, to: string) => JSON.stringify(['link', from, to]),
  out: (from: string) => JSON.stringify(['out', from]),
  in: (to: string) => JSON.stringify(['in', to]),
  validated: JSON.stringify(['validated']),
  flows: JSON.stringify(['flows']),
  crossOrganisation: JSON.stringify(['cross-organisation']),
};

/**
 * The system's matrix of validated value from investing to landing organisations (design §3).
 * `scope` limits the interventions considered (for tracing one link fast); the arithmetic is the same.
 */
export function computeSystemFlows(db: Database.Database, params: SystemFlowsParams, book: FigureBook, scope: readonly string[] | null = null): void {
  const benefits = validatedBenefits(db, params.cutoff, { financialYear: params.financialYear, interventionIds: scope });
  const interventionIds = [...new Set(benefits.map((b) => b.intervention_id))];
  const costFacts = costs(db, params.cutoff, { interventionIds });
  for (const b of benefits) {
    book.add(flowKeys.validated, b.validated_value_pence, () => ({
      note: `benefit ${b.benefit_id} of ${b.intervention_id} validated`, amount: b.validated_value_pence, positions: [b.claim_position, b.decision_position] }));
  }
  for (const part of flowParts(benefits, costFacts)) {
    const term = () => ({ note: part.note, amount: part.pence, positions: part.positions });
    book.add(flowKeys.link(part.from, part.to), part.pence, term);
    book.add(flowKeys.out(part.from), part.pence, term);
    book.add(flowKeys.in(part.to), part.pence, term);
    book.add(flowKeys.flows, part.pence, term);
    if (part.from !== part.to) book.add(flowKeys.crossOrganisation, part.pence, term);
  }
}

/** The interventions that can contribute to one figure of the flows, so a trace need not compute them all. */
export function systemFlowsScope(db: Database.Database, params: SystemFlowsParams, key: string): string[] | null {
  const [kind, a, b] = JSON.parse(key) as [string, string?, string?];
  const invested = (org: string) => (org === NO_RECORDED_INVESTMENT ? null : interventionsInvestedBy(db, params.cutoff, org));
  const landing = (org: string) => [...new Set(validatedBenefits(db, params.cutoff, { financialYear: params.financialYear, landingOrganisationId: org }).map((x) => x.intervention_id))];
  if (kind === 'link') {
    const from = invested(a!);
    const to = landing(b!);
    if (from === null) return to;
    const investedIn = new Set(from);
    return to.filter((id) => investedIn.has(id));
  }
  if (kind === 'out') return invested(a!);
  if (kind === 'in') return landing(a!);
  return null;
}
