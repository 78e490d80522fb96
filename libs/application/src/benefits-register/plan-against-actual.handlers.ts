import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  BenefitState,
  FinancialYear,
  PlanAgainstActualYear,
  financialYearAfter,
  financialYearOf,
  forecastYears,
  notFound,
  planAgainstActual,
  sumPence,
} from '@benefit-ledger/domain';
import { APP_CONFIG, CompleteAppConfig } from '../config/app-config';
import { InterventionPortfolioEntry, PortfolioView } from './portfolio-view';
import { pageOf } from './paging';

/** GET /interventions/:id/plan-against-actual. `throughYear`: the last year judged due (default: the last year ended). */
export class GetInterventionPlanAgainstActualQuery {
  constructor(
    readonly interventionId: string,
    readonly throughYear: FinancialYear | null,
  ) {}
}

/** GET /portfolio/plan-against-actual: every validated benefit, or those landing at one organisation, rolled up. */
export class GetPortfolioPlanAgainstActualQuery {
  constructor(
    readonly organisationId: string | null,
    readonly throughYear: FinancialYear | null,
    readonly page: { offset: number; limit: number },
  ) {}
}

/** The last financial year that has ended today: the years up to it are due. */
export const lastEndedYear = (today = new Date()): FinancialYear =>
  financialYearAfter(financialYearOf(today.toISOString().slice(0, 10)), -1);

/** Forecast, actual and variance of a set of benefits for one year. */
export interface YearTotals {
  financialYear: FinancialYear;
  forecastPence: number;
  actualPence: number;
  variancePence: number;
}

function benefitPlan(
  interventionId: string,
  benefit: BenefitState,
  entry: InterventionPortfolioEntry,
  thresholdBasisPoints: number,
  throughYear: FinancialYear,
) {
  const actuals = entry.actuals.get(benefit.benefitId) ?? [];
  const plan = planAgainstActual(forecastYears(benefit), actuals, thresholdBasisPoints, throughYear);
  const recorded = new Map(actuals.map((a) => [a.financialYear, a]));
  return {
    interventionId,
    benefitId: benefit.benefitId,
    landingOrganisationId: benefit.landingOrganisationId,
    unit: benefit.unit,
    forecastPence: plan.forecastPence,
    actualPence: plan.actualPence,
    variancePence: plan.variancePence,
    flagged: plan.flagged,
    years: plan.years.map((year: PlanAgainstActualYear) => ({
      ...year,
      actualQuantity: recorded.get(year.financialYear)?.quantity.value ?? null,
      source: recorded.get(year.financialYear)?.source ?? null,
    })),
  };
}
export type BenefitPlan = ReturnType<typeof benefitPlan>;

/** Per year across the benefits, in year order; to the penny: each year's variance is its actual less its forecast. */
function rollUp(plans: readonly BenefitPlan[]) {
  const byYear = new Map<FinancialYear, { forecast: number[]; actual: number[] }>();
  for (const plan of plans) {
    for (const year of plan.years) {
      const totals = byYear.get(year.financialYear) ?? { forecast: [], actual: [] };
      totals.forecast.push(year.forecastPence);
      totals.actual.push(year.actualPence ?? 0);
      byYear.set(year.financialYear, totals);
    }
  }
  const years: YearTotals[] = [...byYear.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([financialYear, t]) => {
      const forecastPence = sumPence(t.forecast);
      const actualPence = sumPence(t.actual);
      return { financialYear, forecastPence, actualPence, variancePence: actualPence - forecastPence };
    });
  const forecastPence = sumPence(years.map((y) => y.forecastPence));
  const actualPence = sumPence(years.map((y) => y.actualPence));
  return { years, forecastPence, actualPence, variancePence: actualPence - forecastPence };
}

/** The validated benefits of one intervention (a forecast finance agreed), planned against actual. */
const plansOf = (
  interventionId: string,
  entry: InterventionPortfolioEntry,
  thresholdBasisPoints: number,
  throughYear: FinancialYear,
) =>
  [...entry.state.benefits.values()]
    .filter((b) => b.status === 'validated')
    .map((b) => benefitPlan(interventionId, b, entry, thresholdBasisPoints, throughYear));

@QueryHandler(GetInterventionPlanAgainstActualQuery)
export class GetInterventionPlanAgainstActualHandler implements IQueryHandler<GetInterventionPlanAgainstActualQuery> {
  constructor(
    private readonly view: PortfolioView,
    @Inject(APP_CONFIG) private readonly config: CompleteAppConfig,
  ) {}

  async execute({ interventionId, throughYear }: GetInterventionPlanAgainstActualQuery) {
    const entry = (await this.view.interventions()).get(interventionId);
    if (!entry?.state.registered)
      throw notFound('intervention-not-found', `intervention '${interventionId}' is not registered`);
    const through = throughYear ?? lastEndedYear();
    const benefits = plansOf(interventionId, entry, this.config.benefitSlipThresholdPercent * 100, through);
    return {
      interventionId,
      thresholdPercent: this.config.benefitSlipThresholdPercent,
      throughYear: through,
      ...rollUp(benefits),
      flaggedBenefitIds: benefits.filter((b) => b.flagged).map((b) => b.benefitId),
      benefits,
    };
  }
}

@QueryHandler(GetPortfolioPlanAgainstActualQuery)
export class GetPortfolioPlanAgainstActualHandler implements IQueryHandler<GetPortfolioPlanAgainstActualQuery> {
  constructor(
    private readonly view: PortfolioView,
    @Inject(APP_CONFIG) private readonly config: CompleteAppConfig,
  ) {}

  async execute({ organisationId, throughYear, page }: GetPortfolioPlanAgainstActualQuery) {
    const through = throughYear ?? lastEndedYear();
    const threshold = this.config.benefitSlipThresholdPercent * 100;
    const all = [...(await this.view.interventions()).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([id, entry]) => plansOf(id, entry, threshold, through))
      .filter((plan) => organisationId === null || plan.landingOrganisationId === organisationId);
    const organisations = [...new Set(all.map((p) => p.landingOrganisationId))]
      .sort()
      .map((id) => ({ organisationId: id, ...rollUp(all.filter((p) => p.landingOrganisationId === id)) }));
    const flagged = all.filter((p) => p.flagged);
    return {
      organisationId,
      thresholdPercent: this.config.benefitSlipThresholdPercent,
      throughYear: through,
      ...rollUp(all),
      organisations,
      flaggedCount: flagged.length,
      benefits: pageOf(all, page),
    };
  }
}
