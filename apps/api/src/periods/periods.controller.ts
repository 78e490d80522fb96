import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { ClosePeriodCommand, GetPeriodQuery } from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiCommand, ApiErrorResponses } from '../http/api-responses';
import { CommandContextFactory } from '../http/command-context.factory';
import { ApiFinancialYearParam, FinancialYearParam } from '../http/financial-year-param.pipe';
import { ClosePeriodDto } from '@benefit-ledger/contracts';
import { PeriodClosedWritten, PeriodResponse } from './responses/period.response';

@ApiTags('periods')
@ApiBearerAuth()
@Controller('periods')
export class PeriodsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post(':financialYear/close')
  @HttpCode(201)
  @ApiFinancialYearParam()
  @ApiOperation({
    summary: 'close a financial year and seal the log: for the whole system (admin) or your organisation (finance)',
  })
  @ApiCreatedResponse({
    type: PeriodClosedWritten,
    description: 'PeriodClosed, with the seal: the Merkle root of every stream head at its position',
  })
  @ApiCommand()
  close(
    @FinancialYearParam('financialYear') financialYear: string,
    @Body() body: ClosePeriodDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodClosedWritten> {
    return this.commands.execute(
      new ClosePeriodCommand(financialYear, body.note ?? null, this.contexts.fromRequest(request, actor)),
    );
  }

  @Get(':financialYear')
  @ApiFinancialYearParam()
  @ApiOperation({ summary: "a financial year's closes (scope, when, by whom, seal) and restatements since" })
  @ApiOkResponse({ type: PeriodResponse })
  @ApiErrorResponses(400, 401, 429)
  get(@FinancialYearParam('financialYear') financialYear: string): Promise<PeriodResponse> {
    return this.queries.execute(new GetPeriodQuery(financialYear));
  }
}
