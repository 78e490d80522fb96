import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  BenefitState,
  FinancialYear,
  InterventionState,
  LENSES,
  realiseBenefit,
  sumPence,
} from '@benefit-ledger/domain';
import { PortfolioView } from './portfolio-view';

/** GET /portfolio/priorities: value claimed, validated and realised by strategic priority and by lens, per year. */
export class GetPortfolioPrioritiesQuery {
  constructor(
    readonly financialYear: FinancialYear | null,
    readonly organisationId: string | null,
  ) {}
}

/** A benefit of an intervention with no strategic priority is reported under this name. */
export const NO_PRIORITY = '(none named)';

/** One benefit's three figures, as the organisation figures count them (ThreeWays): claimed whatever its status. */
interface Counted {
  priorities: string[];
  lens: string;
  financialYear: FinancialYear;
  claimedPence: number;
  validatedPence: number;
  realisedPence: number;
}

function countBenefit(state: InterventionState, benefit: BenefitState): Counted {
  const validatedValuePence = benefit.status === 'validated' ? benefit.validatedValuePence : null;
  const validatedQuantity = benefit.validatedQuantity;
  const realisedPence =
    validatedValuePence !== null && validatedQuantity !== null
      ? realiseBenefit({
          benefitType: benefit.benefitType,
          validatedValuePence,
          validatedQuantity,
          releases: [...state.releases.values()]
            .filter((r) => r.benefitId === benefit.benefitId)
            .map((r) => ({
              harvested: r.harvested,
              cashReleasedPence: r.cashReleasedPence,
              reinvestments: r.reinvestments,
            })),
        }).realisedPence
      : 0;
  return {
    priorities: state.strategicPriorities.length > 0 ? [...new Set(state.strategicPriorities)] : [NO_PRIORITY],
    lens: benefit.lens,
    financialYear: benefit.financialYear,
    claimedPence: benefit.valuePence,
    validatedPence: validatedValuePence ?? 0,
    realisedPence,
  };
}

const totalsOf = (list: readonly Counted[]) => ({
  claimedPence: sumPence(list.map((c) => c.claimedPence)),
  validatedPence: sumPence(list.map((c) => c.validatedPence)),
  realisedPence: sumPence(list.map((c) => c.realisedPence)),
});

/** By priority (a benefit counts under every priority its intervention names) and by lens (each benefit has one). */
function breakdown(list: readonly Counted[]) {
  const priorities = [...new Set(list.flatMap((c) => c.priorities))].sort();
  return {
    ...totalsOf(list),
    byPriority: priorities.map((priority) => ({
      priority,
      ...totalsOf(list.filter((c) => c.priorities.includes(priority))),
    })),
    byLens: LENSES.map((lens) => ({ lens, ...totalsOf(list.filter((c) => c.lens === lens)) })),
  };
}

@QueryHandler(GetPortfolioPrioritiesQuery)
export class GetPortfolioPrioritiesHandler implements IQueryHandler<GetPortfolioPrioritiesQuery> {
  constructor(private readonly view: PortfolioView) {}

  async execute({ financialYear, organisationId }: GetPortfolioPrioritiesQuery) {
    const counted = [...(await this.view.interventions()).values()].flatMap(({ state }) =>
      [...state.benefits.values()]
        .filter((b) => financialYear === null || b.financialYear === financialYear)
        .filter((b) => organisationId === null || b.landingOrganisationId === organisationId)
        .map((b) => countBenefit(state, b)),
    );
    const years = [...new Set(counted.map((c) => c.financialYear))].sort();
    return {
      financialYear,
      organisationId,
      ...breakdown(counted),
      years: years.map((year) => ({
        financialYear: year,
        ...breakdown(counted.filter((c) => c.financialYear === year)),
      })),
    };
  }
}
