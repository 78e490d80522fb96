import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetPortfolioPlanAgainstActualQuery,
  GetPortfolioPrioritiesQuery,
  GetPortfolioQualityQuery,
} from '@benefit-ledger/application';
import { ApiErrorResponses } from '../http/api-responses';
import { Fits, NoneUndeclared, Undeclared } from '../http/response-shape';
import type { PortfolioPlanAnswer, PortfolioPrioritiesAnswer, PortfolioQualityAnswer } from './portfolio-answers';
import {
  PortfolioPlanQueryDto,
  PortfolioPrioritiesQueryDto,
  PortfolioQualityQueryDto,
  pageOfQuery,
} from '@benefit-ledger/contracts';
import { PortfolioPlanAgainstActualResponse } from './responses/plan-against-actual.response';
import { PortfolioPrioritiesResponse } from './responses/portfolio-priorities.response';
import { PortfolioQualityResponse } from './responses/portfolio-quality.response';

/** Reports across the portfolio (docs/benefits-register.md): read by anyone signed in. */
@ApiTags('benefits register')
@ApiBearerAuth()
@Controller('portfolio')
export class PortfolioController {
  constructor(private readonly queries: QueryBus) {}

  @Get('plan-against-actual')
  @ApiOperation({
    summary:
      'validated benefits planned against actual, rolled up by year and by landing organisation; the benefits paged',
  })
  @ApiOkResponse({ type: PortfolioPlanAgainstActualResponse })
  @ApiErrorResponses(400, 401, 429)
  plan(@Query() query: PortfolioPlanQueryDto): Promise<PortfolioPlanAgainstActualResponse> {
    return this.queries.execute(
      new GetPortfolioPlanAgainstActualQuery(
        query.organisationId ?? null,
        query.throughYear ?? null,
        pageOfQuery(query),
      ),
    );
  }

  @Get('quality')
  @ApiOperation({
    summary:
      'every claim in scope judged: costs counted, every figure naming a data source, validated by finance; counts and values meeting each and all three, the claims behind each count and those failing, paged',
  })
  @ApiOkResponse({ type: PortfolioQualityResponse })
  @ApiErrorResponses(400, 401, 429)
  quality(@Query() query: PortfolioQualityQueryDto): Promise<PortfolioQualityResponse> {
    return this.queries.execute(
      new GetPortfolioQualityQuery(query.financialYear ?? null, query.organisationId ?? null, pageOfQuery(query)),
    );
  }

  @Get('priorities')
  @ApiOperation({
    summary: 'value claimed, validated and realised by strategic priority and by lens, in all and per year',
  })
  @ApiOkResponse({ type: PortfolioPrioritiesResponse })
  @ApiErrorResponses(400, 401, 429)
  priorities(@Query() query: PortfolioPrioritiesQueryDto): Promise<PortfolioPrioritiesResponse> {
    return this.queries.execute(
      new GetPortfolioPrioritiesQuery(query.financialYear ?? null, query.organisationId ?? null),
    );
  }
}

export type PortfolioQualityChecked = [
  Fits<PortfolioQualityAnswer, PortfolioQualityResponse>,
  NoneUndeclared<Undeclared<PortfolioQualityAnswer, PortfolioQualityResponse>>,
];
export type PortfolioPrioritiesChecked = [
  Fits<PortfolioPrioritiesAnswer, PortfolioPrioritiesResponse>,
  NoneUndeclared<Undeclared<PortfolioPrioritiesAnswer, PortfolioPrioritiesResponse>>,
];
export type PortfolioPlanChecked = [
  Fits<PortfolioPlanAnswer, PortfolioPlanAgainstActualResponse>,
  NoneUndeclared<Undeclared<PortfolioPlanAnswer, PortfolioPlanAgainstActualResponse>>,
];
