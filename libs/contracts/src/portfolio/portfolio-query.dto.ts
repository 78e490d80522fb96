import { DataSourceDto } from '../shared/data-source.dto';
import { FinancialYearField, IdField, NestedField, PenceField, QueryIntField } from '../http-validation/fields';
import { QuantityDto } from '../interventions/claim-benefit.dto';

/** The most items one page of a portfolio list may hold, and how many it holds when `limit` is left out. */
export const MAX_PORTFOLIO_PAGE = 500;
export const DEFAULT_PORTFOLIO_PAGE = 50;

/** POST /interventions/:id/benefits/:benefitId/actuals: what arrived in one financial year of a validated benefit. */
export class RecordBenefitActualDto {
  @FinancialYearField({ description: 'a year the benefit forecast (its own year or one of its profile)' })
  financialYear: string;
  @PenceField({ description: 'the value that arrived in the year, in pence' }) valuePence: number;
  @NestedField(() => QuantityDto, { description: "the quantity that arrived, in the benefit's unit" })
  quantity: QuantityDto;
  @NestedField(() => DataSourceDto, {
    description: 'where the actual was taken from (e.g. the ledger, a budget report)',
  })
  source: DataSourceDto;
}

/** Paging shared by the portfolio lists; any other query parameter is refused (400, naming it). */
export class PortfolioPageQueryDto {
  @QueryIntField({ optional: true, min: 0, max: 1e9, description: 'items to skip (default 0)' }) offset?: number;
  @QueryIntField({
    optional: true,
    min: 1,
    max: MAX_PORTFOLIO_PAGE,
    description: `items in a page (default ${DEFAULT_PORTFOLIO_PAGE}, at most ${MAX_PORTFOLIO_PAGE})`,
  })
  limit?: number;
}

export class ThroughYearQueryDto {
  @FinancialYearField({
    optional: true,
    description:
      'the last year judged due: a forecast year up to it with no actual is flagged (default: the last financial year that has ended)',
  })
  throughYear?: string;
}

export class PortfolioPlanQueryDto extends PortfolioPageQueryDto {
  @IdField({ optional: true, description: 'only benefits landing at this organisation' }) organisationId?: string;
  @FinancialYearField({
    optional: true,
    description: 'the last year judged due (default: the last financial year that has ended)',
  })
  throughYear?: string;
}

export class PortfolioQualityQueryDto extends PortfolioPageQueryDto {
  @FinancialYearField({ optional: true, description: "only claims of this financial year (the claim's own year)" })
  financialYear?: string;
  @IdField({ optional: true, description: 'only claims landing at this organisation or of interventions it leads' })
  organisationId?: string;
}

export class PortfolioPrioritiesQueryDto {
  @FinancialYearField({ optional: true, description: "only benefits of this financial year (the claim's own year)" })
  financialYear?: string;
  @IdField({ optional: true, description: 'only benefits landing at this organisation' }) organisationId?: string;
}

export const pageOfQuery = (query: PortfolioPageQueryDto) => ({
  offset: query.offset ?? 0,
  limit: query.limit ?? DEFAULT_PORTFOLIO_PAGE,
});
