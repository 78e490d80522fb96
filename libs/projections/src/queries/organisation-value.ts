import Database from 'better-sqlite3';
import { formatPounds } from '@benefit-ledger/domain';
import { FigureBook, Term } from './figure-book';
import { flowParts } from './flow-allocation';
import { Cutoff } from './query-basis';
import { costs, interventionsInvestedBy, validatedBenefits } from './read-model-reads';

export interface OrganisationValueParams { organisationId: string; financialYear: string | null; cutoff: Cutoff }

const k = (...parts: string[]) => JSON.stringify(parts);
export const organisationValueKeys = {
  invested: k('invested'),
  landed: k('landed'),
  landedByType: (t: string) => k('landed', 'type', t),
  landedByLens: (l: string) => k('landed', 'lens', l),
  landedCash: (cash: boolean) => k('landed', cash ? 'cash' : 'non-cash'),
  landedRecurrence: (r: string) => k('landed', 'recurrence', r),
  landedFromOwnInvestment: k('landed', 'from-own-investment'),
  investmentLanded: k('investment-landed'),
  investmentLandedHere: k('investment-landed', 'here'),
  investmentLandedElsewhere: k('investment-landed', 'elsewhere'),
  investmentLandedAt: (org: string) => k('investment-landed', 'at', org),
  net: k('net'),
};

/**
 * One organisation's value (design §3): what it invested (costs it bore), the validated value that landed
 * here (by type, lens, cash or not, recurrent or not), where the value of its own investment landed (its
 * share of each benefit of interventions it paid for, in proportion to its costs), and net = landed − invested.
 */
export function computeOrganisationValue(db: Database.Database, p: OrganisationValueParams, book: FigureBook): void {
  const K = organisationValueKeys;
  for (const c of costs(db, p.cutoff, { bearerOrganisationId: p.organisationId, financialYear: p.financialYear })) {
    const term = (sign: number) => (): Term => ({ note: `cost borne for ${c.intervention_id} (${c.cost_type}, ${c.financial_year}) ${formatPounds(c.amount_pence)}`, amount: sign * c.amount_pence, positions: [c.position] });
    book.add(K.invested, c.amount_pence, term(1));
    book.add(K.net, -c.amount_pence, term(-1));
  }
  for (const b of validatedBenefits(db, p.cutoff, { financialYear: p.financialYear, landingOrganisationId: p.organisationId })) {
    const v = b.validated_value_pence;
    const term = () => ({ note: `benefit ${b.benefit_id} of ${b.intervention_id} (${b.benefit_type}, ${b.lens}, ${b.recurrence}) validated ${formatPounds(v)}`, amount: v, positions: [b.claim_position, b.decision_position] });
    for (const key of [K.landed, K.landedByType(b.benefit_type), K.landedByLens(b.lens), K.landedCash(b.benefit_type === 'cash-releasing'), K.landedRecurrence(b.recurrence), K.net]) {
      book.add(key, v, term);
    }
  }
  const invested = interventionsInvestedBy(db, p.cutoff, p.organisationId);
  const benefits = validatedBenefits(db, p.cutoff, { financialYear: p.financialYear, interventionIds: invested });
  const allCosts = costs(db, p.cutoff, { interventionIds: invested });
  for (const part of flowParts(benefits, allCosts)) {
    if (part.from !== p.organisationId) continue;
    const term = () => ({ note: part.note, amount: part.pence, positions: part.positions });
    book.add(K.investmentLanded, part.pence, term);
    book.add(K.investmentLandedAt(part.to), part.pence, term);
    if (part.to === p.organisationId) {
      book.add(K.investmentLandedHere, part.pence, term);
      book.add(K.landedFromOwnInvestment, part.pence, term);
    } else {
      book.add(K.investmentLandedElsewhere, part.pence, term);
    }
  }
}
