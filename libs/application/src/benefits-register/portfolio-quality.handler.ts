import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BenefitState, FinancialYear, sumPence } from '@benefit-ledger/domain';
import { InterventionPortfolioEntry, PortfolioView, unsourcedBehind } from './portfolio-view';
import { pageOf } from './paging';

/**
 * GET /portfolio/quality: the three tests a credible claim passes (after the review of 35,000 improvement studies,
 * of which only 4 counted the cost of the intervention, 2 named their data sources and 3 had savings validated by
 * finance), counted across every claim in scope.
 */
export class GetPortfolioQualityQuery {
  constructor(
    readonly financialYear: FinancialYear | null,
    readonly organisationId: string | null,
    readonly page: { offset: number; limit: number },
  ) {}
}

export const QUALITY_CRITERIA = ['costs-counted', 'sources-named', 'finance-validated', 'all-three'] as const;
export type QualityCriterion = (typeof QUALITY_CRITERIA)[number];

/** One claim judged: whether it meets each criterion, and in words why not. */
interface JudgedClaim {
  interventionId: string;
  benefitId: string;
  landingOrganisationId: string;
  financialYear: FinancialYear;
  status: BenefitState['status'];
  valuePence: number;
  costsCounted: boolean;
  sourcesNamed: boolean;
  financeValidated: boolean;
  reasons: Record<Exclude<QualityCriterion, 'all-three'>, string | null>;
}

function judge(interventionId: string, entry: InterventionPortfolioEntry, benefit: BenefitState): JudgedClaim {
  const unsourced = unsourcedBehind(entry, benefit.benefitId);
  const costsCounted = entry.state.costs.size > 0;
  const financeValidated = benefit.status === 'validated';
  return {
    interventionId,
    benefitId: benefit.benefitId,
    landingOrganisationId: benefit.landingOrganisationId,
    financialYear: benefit.financialYear,
    status: benefit.status,
    valuePence: benefit.valuePence,
    costsCounted,
    sourcesNamed: unsourced.length === 0,
    financeValidated,
    reasons: {
      'costs-counted': costsCounted ? null : `no cost is recorded for intervention '${interventionId}'`,
      'sources-named':
        unsourced.length === 0
          ? null
          : `no data source named for ${unsourced.map((f) => `${f.what} (${f.eventType}, ${f.streamId} revision ${f.revision})`).join('; ')}`,
      'finance-validated': financeValidated
        ? null
        : benefit.status === 'rejected'
          ? 'finance rejected the claim'
          : 'finance has not validated the claim yet',
    },
  };
}

const meets = (claim: JudgedClaim, criterion: QualityCriterion): boolean => {
  switch (criterion) {
    case 'costs-counted':
      return claim.costsCounted;
    case 'sources-named':
      return claim.sourcesNamed;
    case 'finance-validated':
      return claim.financeValidated;
    case 'all-three':
      return claim.costsCounted && claim.sourcesNamed && claim.financeValidated;
  }
};

const reasonFor = (claim: JudgedClaim, criterion: QualityCriterion): string =>
  criterion === 'all-three'
    ? Object.values(claim.reasons)
        .filter((r): r is string => r !== null)
        .join('; ')
    : (claim.reasons[criterion] ?? '');

/** A claim as the lists name it: enough to find it (GET /interventions/:id) and its value. */
const refOf = (claim: JudgedClaim) => ({
  interventionId: claim.interventionId,
  benefitId: claim.benefitId,
  valuePence: claim.valuePence,
});

@QueryHandler(GetPortfolioQualityQuery)
export class GetPortfolioQualityHandler implements IQueryHandler<GetPortfolioQualityQuery> {
  constructor(private readonly view: PortfolioView) {}

  async execute({ financialYear, organisationId, page }: GetPortfolioQualityQuery) {
    const claims = [...(await this.view.interventions()).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([id, entry]) =>
        [...entry.state.benefits.values()]
          .filter((b) => financialYear === null || b.financialYear === financialYear)
          .filter(
            (b) =>
              organisationId === null ||
              b.landingOrganisationId === organisationId ||
              entry.state.leadOrganisationId === organisationId,
          )
          .map((b) => judge(id, entry, b)),
      );
    const total = (list: readonly JudgedClaim[]) => ({
      count: list.length,
      valuePence: sumPence(list.map((c) => c.valuePence)),
    });
    return {
      financialYear,
      organisationId,
      claims: {
        ...total(claims),
        page: pageOf(
          claims.map((c) => ({
            ...refOf(c),
            landingOrganisationId: c.landingOrganisationId,
            financialYear: c.financialYear,
            status: c.status,
            costsCounted: c.costsCounted,
            sourcesNamed: c.sourcesNamed,
            financeValidated: c.financeValidated,
          })),
          page,
        ),
      },
      criteria: QUALITY_CRITERIA.map((criterion) => {
        const meeting = claims.filter((c) => meets(c, criterion));
        const failing = claims.filter((c) => !meets(c, criterion));
        return {
          criterion,
          meeting: { ...total(meeting), claims: pageOf(meeting.map(refOf), page) },
          failing: {
            ...total(failing),
            claims: pageOf(
              failing.map((c) => ({ ...refOf(c), reason: reasonFor(c, criterion) })),
              page,
            ),
          },
        };
      }),
    };
  }
}
