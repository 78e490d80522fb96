import Database from 'better-sqlite3';
import {
  applyBasisPoints,
  formatPounds,
  notFound,
  returnPerPound,
  ruleViolated,
  splitByLargestRemainder,
} from '@benefit-ledger/domain';
import { FigureBook, Term } from './figure-book';
import { Cutoff, cutoffParams, within } from './query-basis';
import { ValidatedBenefit, validatedBenefits } from './read-model-reads';
import { benefitsThreeWays } from './benefits-three-ways';
import { addAttributedThreeWays, addNetAndRoi } from './value-three-ways';

/** What the partnership's ROIs on its own costs count. */
export const PROGRAMME_COSTS =
  "the partnership programme's own costs for the year (partnership costs, direct and indirect), not its interventions' costs";
/** What the partnership's ROIs on the wider basis count. */
export const PROGRAMME_AND_INTERVENTION_COSTS =
  "the programme's own costs for the year plus, for each enrolled intervention, its costs of the year × its enrolment share (half up)";

export interface AttributionParams {
  partnershipId: string;
  financialYear: string;
  cutoff: Cutoff;
}

const keyOf = (...parts: (string | number)[]) => JSON.stringify(parts);
export const attributionKeys = {
  validated: (interventionId: string) => keyOf('intervention', interventionId, 'validated'),
  attributedFrom: (interventionId: string) => keyOf('intervention', interventionId, 'attributed'),
  attributed: keyOf('attributed'),
  member: (organisationId: string) => keyOf('member', organisationId),
  costs: keyOf('costs'),
  costsOfType: (type: 'direct' | 'indirect') => keyOf('costs', type),
  /** One programme cost line of the year (so a page shows each line as a traced figure). */
  costLine: (costId: string) => keyOf('cost-line', costId),
  /** Each enrolled intervention's costs of the year × its enrolment share (half up), summed. */
  interventionCosts: keyOf('costs', 'interventions-share'),
  interventionCostsOf: (interventionId: string) => keyOf('intervention', interventionId, 'costs-share'),
  /** The programme's costs and its interventions' attributed costs. */
  programmeAndInterventionCosts: keyOf('costs', 'programme-and-interventions'),
  roi: keyOf('roi'),
  roiWithInterventionCosts: keyOf('roi', 'programme-and-interventions'),
};

export interface AttributionBasis {
  name: string;
  agreement: {
    version: number;
    effectiveFrom: string;
    benefitTypes: string[];
    shares: { organisationId: string; basisPoints: number }[];
    position: number;
  };
  enrolments: { interventionId: string; attributionBasisPoints: number; position: number }[];
}

/** The partnership, the agreement in force for the year (highest version effective by then) and the enrolments. */
export function attributionBasis(db: Database.Database, params: AttributionParams): AttributionBasis {
  const cutoffValues = cutoffParams(params.cutoff);
  const partnership = db
    .prepare(`SELECT x.name FROM partnerships x WHERE x.partnership_id = @id AND ${within('x')}`)
    .get({ ...cutoffValues, id: params.partnershipId }) as { name: string } | undefined;
  if (!partnership) throw notFound('partnership-not-found', `partnership '${params.partnershipId}' is not formed`);
  const agreement = db
    .prepare(
      `SELECT a.version, a.effective_from, a.benefit_types, a.position FROM partnership_agreements a
    WHERE a.partnership_id = @id AND a.effective_from <= @fy AND ${within('a')} ORDER BY a.version DESC LIMIT 1`,
    )
    .get({ ...cutoffValues, id: params.partnershipId, fy: params.financialYear }) as
    { version: number; effective_from: string; benefit_types: string; position: number } | undefined;
  if (!agreement) {
    throw ruleViolated(
      'no-agreement-in-force',
      `partnership '${params.partnershipId}' has no attribution agreement in force for ${params.financialYear}`,
      'financialYear',
    );
  }
  const shares = db
    .prepare(
      'SELECT organisation_id AS organisationId, basis_points AS basisPoints FROM partnership_agreement_shares WHERE partnership_id = ? AND version = ? ORDER BY ordinal',
    )
    .all(params.partnershipId, agreement.version) as { organisationId: string; basisPoints: number }[];
  const enrolments = db
    .prepare(
      `SELECT e.intervention_id AS interventionId, e.attribution_basis_points AS attributionBasisPoints, e.position FROM partnership_enrolments e
    WHERE e.partnership_id = @id AND ${within('e')} ORDER BY e.intervention_id`,
    )
    .all({ ...cutoffValues, id: params.partnershipId }) as AttributionBasis['enrolments'];
  return {
    name: partnership.name,
    agreement: {
      version: agreement.version,
      effectiveFrom: agreement.effective_from,
      benefitTypes: JSON.parse(agreement.benefit_types) as string[],
      shares,
      position: agreement.position,
    },
    enrolments,
  };
}

/**
 * Design §3 partnership attribution: Σ over enrolled interventions of validated value (benefit types the
 * agreement covers, the year's benefits) × enrolment share, rounded half up per intervention; split among
 * members by the agreement's shares with largest remainder, so the parts add up to the total to the penny.
 * ROI = attributed value ÷ the partnership's own costs for the year.
 * `onlyIntervention` (a trace of one intervention's figures): that enrolment alone, and none of the
 * partnership-wide figures (total, members, costs, ROI), which the book then does not hold.
 */
export function computeAttribution(
  db: Database.Database,
  params: AttributionParams,
  book: FigureBook,
  onlyIntervention?: string,
): AttributionBasis {
  const basis = attributionBasis(db, params);
  const keys = attributionKeys;
  const covered = new Set(basis.agreement.benefitTypes);
  const enrolments =
    onlyIntervention === undefined
      ? basis.enrolments
      : basis.enrolments.filter((e) => e.interventionId === onlyIntervention);
  const byIntervention = new Map<string, ValidatedBenefit[]>();
  for (const benefit of validatedBenefits(db, params.cutoff, {
    financialYear: params.financialYear,
    interventionIds: enrolments.map((e) => e.interventionId),
  })) {
    if (!covered.has(benefit.benefit_type)) continue;
    const own = byIntervention.get(benefit.intervention_id);
    if (own) own.push(benefit);
    else byIntervention.set(benefit.intervention_id, [benefit]);
  }
  const attributedTerms: Term[] = [];
  for (const enrolment of enrolments) {
    const own = byIntervention.get(enrolment.interventionId) ?? [];
    const positions = [enrolment.position, ...own.flatMap((b) => [b.claim_position, b.decision_position])];
    let validated = 0;
    for (const benefit of own) {
      validated += benefit.validated_value_pence;
      book.add(keys.validated(enrolment.interventionId), benefit.validated_value_pence, () => ({
        note: `benefit ${benefit.benefit_id} (${benefit.benefit_type}) validated ${formatPounds(benefit.validated_value_pence)}`,
        amount: benefit.validated_value_pence,
        positions: [benefit.claim_position, benefit.decision_position],
      }));
    }
    if (own.length === 0) book.add(keys.validated(enrolment.interventionId), 0);
    const attributed = applyBasisPoints(validated, enrolment.attributionBasisPoints);
    const term = (): Term => ({
      note: `${enrolment.interventionId}: validated ${formatPounds(validated)} × ${enrolment.attributionBasisPoints}/10000 enrolment share = ${formatPounds(attributed)} (half up)`,
      amount: attributed,
      positions,
    });
    book.add(keys.attributedFrom(enrolment.interventionId), attributed, term);
    book.add(keys.attributed, attributed, term);
    if (book.withTerms) attributedTerms.push(term());
  }
  // the enrolled interventions' own costs of the year, each × its enrolment share
  const interventionCostRows = db
    .prepare(
      `SELECT c.intervention_id, c.amount_pence, c.position FROM json_each(@ids) j CROSS JOIN costs c ON c.intervention_id = j.value
    WHERE c.financial_year = @fy AND ${within('c')} ORDER BY c.position`,
    )
    .all({
      ...cutoffParams(params.cutoff),
      fy: params.financialYear,
      ids: JSON.stringify(enrolments.map((e) => e.interventionId)),
    }) as { intervention_id: string; amount_pence: number; position: number }[];
  const interventionCostTerms: Term[] = [];
  for (const enrolment of enrolments) {
    const own = interventionCostRows.filter((c) => c.intervention_id === enrolment.interventionId);
    const costs = own.reduce((t, c) => t + c.amount_pence, 0);
    const share = applyBasisPoints(costs, enrolment.attributionBasisPoints);
    const term = (): Term => ({
      note: `${enrolment.interventionId}: its ${params.financialYear} costs ${formatPounds(costs)} × ${enrolment.attributionBasisPoints}/10000 enrolment share = ${formatPounds(share)} (half up)`,
      amount: share,
      positions: [enrolment.position, ...own.map((c) => c.position)],
    });
    for (const key of [
      keys.interventionCostsOf(enrolment.interventionId),
      keys.interventionCosts,
      keys.programmeAndInterventionCosts,
    ])
      book.add(key, share, term);
    if (book.withTerms) interventionCostTerms.push(term());
  }
  if (onlyIntervention !== undefined) return basis;
  const total = book.value(keys.attributed);
  if (!book.has(keys.attributed)) book.add(keys.attributed, 0);
  const parts = splitByLargestRemainder(
    total,
    basis.agreement.shares.map((s) => s.basisPoints),
  );
  basis.agreement.shares.forEach((share, index) => {
    book.add(keys.member(share.organisationId), parts[index], () => ({
      note: `attributed ${formatPounds(total)} × ${share.basisPoints}/10000 (agreement v${basis.agreement.version}, largest remainder) = ${formatPounds(parts[index])}`,
      amount: parts[index],
      positions: [basis.agreement.position, ...attributedTerms.flatMap((t) => t.positions)],
    }));
  });
  const costRows = db
    .prepare(
      `SELECT x.cost_id, x.amount_pence, x.cost_type, x.category, x.bearer_organisation_id, x.position FROM partnership_costs x
    WHERE x.partnership_id = @id AND x.financial_year = @fy AND ${within('x')} ORDER BY x.position`,
    )
    .all({ ...cutoffParams(params.cutoff), id: params.partnershipId, fy: params.financialYear }) as {
    cost_id: string;
    amount_pence: number;
    cost_type: 'direct' | 'indirect';
    category: string;
    bearer_organisation_id: string;
    position: number;
  }[];
  for (const key of [
    keys.costs,
    keys.costsOfType('direct'),
    keys.costsOfType('indirect'),
    keys.interventionCosts,
    keys.programmeAndInterventionCosts,
  ])
    book.add(key, 0);
  const programmeCostTerm = (cost: (typeof costRows)[number]) => (): Term => ({
    note: `partnership cost (${cost.cost_type}, ${cost.category}) borne by ${cost.bearer_organisation_id}`,
    amount: cost.amount_pence,
    positions: [cost.position],
  });
  for (const cost of costRows) {
    for (const key of [
      keys.costs,
      keys.costsOfType(cost.cost_type),
      keys.programmeAndInterventionCosts,
      keys.costLine(cost.cost_id),
    ])
      book.add(key, cost.amount_pence, programmeCostTerm(cost));
  }
  // the same enrolled value claimed, validated and realised, attributed by enrolment share, per £1 of the programme's costs
  const covering = benefitsThreeWays(db, params.cutoff, {
    financialYear: params.financialYear,
    interventionIds: basis.enrolments.map((e) => e.interventionId),
  }).filter((b) => covered.has(b.benefitType));
  const positions = addAttributedThreeWays(
    book,
    basis.enrolments.map((e) => ({ ...e, benefits: covering.filter((b) => b.interventionId === e.interventionId) })),
    {
      pence: book.value(keys.costs),
      description: PROGRAMME_COSTS,
      terms: () => costRows.map((c) => programmeCostTerm(c)()),
    },
    applyBasisPoints,
  );
  // and the same per £1 of the programme's costs and its interventions' attributed costs: each ROI labelled with what it counts
  addNetAndRoi(
    book,
    {
      pence: book.value(keys.programmeAndInterventionCosts),
      description: PROGRAMME_AND_INTERVENTION_COSTS,
      terms: () => [...costRows.map((c) => programmeCostTerm(c)()), ...interventionCostTerms],
    },
    positions,
    'value-with-intervention-costs',
  );
  const wider = returnPerPound(total, book.value(keys.programmeAndInterventionCosts));
  if (wider) {
    book.add(keys.roiWithInterventionCosts, wider.pencePerPound, () => ({
      note: `${formatPounds(total)} attributed ÷ ${formatPounds(book.value(keys.programmeAndInterventionCosts))} (${PROGRAMME_AND_INTERVENTION_COSTS}) = ${wider.perPound}`,
      amount: wider.pencePerPound,
      positions: [
        ...attributedTerms.flatMap((t) => t.positions),
        ...costRows.map((c) => c.position),
        ...interventionCostTerms.flatMap((t) => t.positions),
      ],
    }));
  }
  const roi = returnPerPound(total, book.value(keys.costs));
  if (roi) {
    book.add(keys.roi, roi.pencePerPound, () => ({
      note: `${formatPounds(total)} attributed ÷ ${formatPounds(book.value(keys.costs))} (${PROGRAMME_COSTS}) = ${roi.perPound}`,
      amount: roi.pencePerPound,
      positions: [...attributedTerms.flatMap((t) => t.positions), ...costRows.map((c) => c.position)],
    }));
  }
  return basis;
}
