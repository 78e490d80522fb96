import Database from 'better-sqlite3';
import { invalidReference } from '@benefit-ledger/domain';
import { AnswerBasis, READ_EVERY_TIME, basisKey } from './answer-basis';
import { Cutoff, cutoffParams, validAt } from './query-basis';
import { validatedBenefitsFrom } from './read-model-reads';
import { TermSource, benefitTerms, concatTerms, costTerms, partTerms } from './term-sources';
import { FigureBook, Term } from './figure-book';
import { benefitsThreeWaysSummed } from './benefits-summed';
import { BenefitThreeWays } from './benefits-three-ways';
import { isThreeWayKey } from './three-way-keys';
import { addThreeWays } from './value-three-ways';
import { perBenefitTerms, threeWaysTerms } from './three-ways-terms';
import { present } from '../required';
import { formatPounds } from '@benefit-ledger/domain';

export interface OrganisationValueParams {
  organisationId: string;
  financialYear: string | null;
  cutoff: Cutoff;
}

const keyOf = (...parts: string[]) => JSON.stringify(parts);
export const organisationValueKeys = {
  invested: keyOf('invested'),
  landed: keyOf('landed'),
  landedByType: (t: string) => keyOf('landed', 'type', t),
  landedByLens: (l: string) => keyOf('landed', 'lens', l),
  landedCash: (cash: boolean) => keyOf('landed', cash ? 'cash' : 'non-cash'),
  landedRecurrence: (r: string) => keyOf('landed', 'recurrence', r),
  landedFromOwnInvestment: keyOf('landed', 'from-own-investment'),
  investmentLanded: keyOf('investment-landed'),
  investmentLandedHere: keyOf('investment-landed', 'here'),
  investmentLandedElsewhere: keyOf('investment-landed', 'elsewhere'),
  investmentLandedAt: (org: string) => keyOf('investment-landed', 'at', org),
  net: keyOf('net'),
};

export interface OrganisationValueSums {
  investedPence: number;
  /** Validated value landing here, per (benefit type, lens, recurrence). */
  landed: { benefit_type: string; lens: string; recurrence: string; pence: number }[];
  /** This organisation's parts of the benefits it paid for, per landing organisation. */
  investmentLanded: { to: string; pence: number }[];
}

/**
 * One organisation's value (docs/design.md#the-arithmetic): what it invested (costs it bore), the validated value that landed here
 * (by type, lens, cash or not, recurrent or not), where the value of its own investment landed (its parts of the
 * benefits of interventions it paid for, flow-parts.ts), and net = landed − invested. `financialYear` selects
 * costs and benefits by their own year.
 */
export function organisationValueSums(
  db: Database.Database,
  params: OrganisationValueParams,
  basis: AnswerBasis = READ_EVERY_TIME,
): OrganisationValueSums {
  const benefits = validatedBenefitsFrom(params.cutoff, {
    landingOrganisationId: params.organisationId,
    financialYear: params.financialYear,
  });
  const fy = params.financialYear ? 'AND f.financial_year = @financialYear' : '';
  return {
    // the figure its trace sums (organisationValueTerms): one SQL SUM, which its net and ROI count too
    investedPence: costsBorne(db, params, basis).summary().value,
    landed: db
      .prepare(
        `SELECT vb.benefit_type, vb.lens, vb.recurrence, SUM(vb.validated_value_pence) AS pence FROM ${benefits.from} WHERE ${benefits.where}
      GROUP BY vb.benefit_type, vb.lens, vb.recurrence ORDER BY 1, 2, 3`,
      )
      .all(benefits.params) as OrganisationValueSums['landed'],
    investmentLanded: db
      .prepare(
        `SELECT f.to_organisation_id AS "to", SUM(f.pence) AS pence FROM flow_parts f
      WHERE f.from_organisation_id = @org AND ${validAt('f')} ${fy} GROUP BY f.to_organisation_id ORDER BY 1`,
      )
      .all({
        ...cutoffParams(params.cutoff),
        org: params.organisationId,
        financialYear: params.financialYear,
      }) as OrganisationValueSums['investmentLanded'],
  };
}

/** What an organisation's ROIs count: the costs it bore (investedPence). */
export const organisationCostsCounted = (financialYear: string | null) =>
  `the costs this organisation bore (investedPence)${financialYear ? ` in ${financialYear}` : ''}, for any intervention, direct and indirect`;

/** The costs an organisation bore, as terms, their sum read once per answer basis (answer-basis.ts). */
function costsBorne(db: Database.Database, params: OrganisationValueParams, basis: AnswerBasis): TermSource {
  const costs = costTerms(db, params.cutoff, {
    bearerOrganisationId: params.organisationId,
    financialYear: params.financialYear,
  });
  const scope = { organisationId: params.organisationId, financialYear: params.financialYear };
  return {
    summary: () => basis.remember(basisKey('costs borne', scope, params.cutoff.upTo), () => costs.summary()),
    page: (offset, limit) => costs.page(offset, limit),
  };
}

/**
 * The value landing at an organisation three ways (value-three-ways.ts), net of and per £1 of the costs it bore; and
 * its landed value split into cash (cash-releasing benefits, and cash actually released from capacity landing here)
 * and the rest: `cashPence` means cash. Answers the costs it counted (their sum already read).
 */
export function organisationThreeWays(
  db: Database.Database,
  params: OrganisationValueParams,
  book: FigureBook,
  basis: AnswerBasis = READ_EVERY_TIME,
): TermSource {
  const costs = costsBorne(db, params, basis);
  // the sums alone (cash and the rest are linear in them): a trace reads its terms a page at a time (organisationValueTerms)
  const scope = { landingOrganisationId: params.organisationId, financialYear: params.financialYear };
  const benefits = basis.remember(basisKey('benefits summed', scope, params.cutoff.upTo), () =>
    benefitsThreeWaysSummed(db, params.cutoff, scope),
  );
  addThreeWays(book, benefits, {
    pence: costs.summary().value,
    terms: () => costs.page(0, Number.MAX_SAFE_INTEGER),
    description: organisationCostsCounted(params.financialYear),
  });
  book.add(organisationValueKeys.landedCash(true), 0);
  book.add(organisationValueKeys.landedCash(false), 0);
  for (const benefit of benefits) {
    if (!benefit.validated || !benefit.realisation) continue;
    book.add(organisationValueKeys.landedCash(true), benefit.realisation.cashPence);
    book.add(organisationValueKeys.landedCash(false), benefit.validated.pence - benefit.realisation.cashPence);
  }
  return costs;
}

/** A validated benefit's term of the value landed as cash (cash-releasing, or cash released from capacity), or not. */
function landedCashTerm(benefit: BenefitThreeWays, cash: boolean): Term {
  const validated = present(benefit.validated, 'validation of a benefit in the landed value');
  const cashPence = present(benefit.realisation, 'realisation of a validated benefit').cashPence;
  const amount = cash ? cashPence : validated.pence - cashPence;
  const what = `benefit ${benefit.benefitId} of ${benefit.interventionId} (${benefit.benefitType}) validated ${formatPounds(validated.pence)}`;
  return {
    note: `${what}: ${cash ? 'cash' : 'not cash'} ${formatPounds(amount)}`,
    amount,
    positions: [...benefit.claimPositions, validated.position, ...benefit.releasePositions],
  };
}

/** The terms of one figure of an organisation's value, by its key. */
export function organisationValueTerms(
  db: Database.Database,
  params: OrganisationValueParams,
  key: string,
  kept: AnswerBasis = READ_EVERY_TIME,
): TermSource {
  const org = params.organisationId;
  const fy = params.financialYear;
  const cashKey = [true, false].find((cash) => key === organisationValueKeys.landedCash(cash));
  if (isThreeWayKey(key) || cashKey !== undefined) {
    // the figures as the answer sums them; the terms a page of benefits at a time (three-ways-terms.ts)
    const figures = new FigureBook(false);
    const costs = organisationThreeWays(db, params, figures, kept);
    const basis = {
      db,
      cutoff: params.cutoff,
      scope: { landingOrganisationId: org, financialYear: fy },
      figures,
      costs,
      costsDescription: organisationCostsCounted(fy),
      kept,
    };
    if (cashKey === undefined) return threeWaysTerms(basis, key);
    return perBenefitTerms(basis, false, figures.value(key), (b) => landedCashTerm(b, cashKey));
  }
  const landed = (filter: object = {}) =>
    benefitTerms(db, params.cutoff, { landingOrganisationId: org, financialYear: fy, ...filter });
  const parts = (filter: { to?: string; crossOrganisation?: boolean } = {}) =>
    partTerms(db, params.cutoff, { financialYear: fy, from: org, ...filter });
  const invested = (sign: 1 | -1) =>
    costTerms(db, params.cutoff, { bearerOrganisationId: org, financialYear: fy }, sign);
  // a key has a head and up to two more parts: the ones it lacks read as undefined
  const [head, kind, value] = JSON.parse(key) as [string, string?, string?];
  if (head === 'invested') return invested(1);
  if (head === 'net') return concatTerms(landed(), invested(-1));
  if (head === 'landed') {
    if (kind === undefined) return landed();
    if (kind === 'type') return landed({ benefitType: value });
    if (kind === 'lens') return landed({ lens: value });
    if (kind === 'recurrence') return landed({ recurrence: value });
    if (kind === 'from-own-investment') return parts({ to: org });
  }
  if (head === 'investment-landed') {
    if (kind === undefined) return parts();
    if (kind === 'here') return parts({ to: org });
    if (kind === 'elsewhere') return parts({ crossOrganisation: true });
    if (kind === 'at') return parts({ to: value });
  }
  throw invalidReference('figure', `figure names no figure of an organisation's value (${key})`);
}
