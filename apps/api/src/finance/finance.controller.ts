import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import {
  FinanceReportCommandMessage,
  FinanceReportRequest,
  GetFinanceReportQuery,
  GetReconciliationQuery,
  WriteResult,
} from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiCommand, ApiErrorResponses } from '../http/api-responses';
import { CommandContextFactory } from '../http/command-context.factory';
import { ApiFinancialYearParam, FinancialYearParam } from '../http/financial-year-param.pipe';
import { IdParam as Id } from '../http/id-param.pipe';
import { PlainAnswer } from '../http/response-shape';
import {
  valueQueryOptions,
  LinkReportLineDto,
  SignOffReconciliationDto,
  ReconciliationQueryDto,
  WasteReductionReportDto,
  reportWasteReductionCommand,
} from '@benefit-ledger/contracts';
import { FinanceReportResponse, FinanceReportWritten } from './responses/finance-report.response';
import { ReconciliationResponse } from './responses/reconciliation.response';

/** Finance's waste-reduction reports and their reconciliation to validated benefits (finance of the organisation writes). */
@ApiTags('finance')
@ApiBearerAuth()
@Controller('finance')
export class FinanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  private async send(
    request: Request,
    actor: Actor,
    organisationId: string,
    financialYear: string,
    command: FinanceReportRequest,
  ) {
    const context = this.contexts.fromRequest(request, actor);
    const result: WriteResult = await this.commands.execute(
      new FinanceReportCommandMessage(organisationId, financialYear, command, context),
    );
    return { organisationId, financialYear, ...result };
  }

  @Post('reports')
  @HttpCode(201)
  @ApiCreatedResponse({
    type: FinanceReportWritten,
    description: 'WasteReductionReported (the next version; total = Σ lines; line ids unique)',
  })
  @ApiCommand()
  report(
    @Body() body: WasteReductionReportDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<FinanceReportWritten>> {
    return this.send(request, actor, body.organisationId, body.financialYear, reportWasteReductionCommand(body));
  }

  @Post('reports/:organisationId/:financialYear/links')
  @HttpCode(201)
  @ApiFinancialYearParam()
  @ApiCreatedResponse({
    type: FinanceReportWritten,
    description: "ReportLineLinked (replaces the line's links in the current version)",
  })
  @ApiCommand(404)
  link(
    @Id('organisationId') organisationId: string,
    @FinancialYearParam('financialYear') financialYear: string,
    @Body() body: LinkReportLineDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<FinanceReportWritten>> {
    return this.send(request, actor, organisationId, financialYear, {
      type: 'LinkReportLine',
      lineId: body.lineId,
      ...(body.benefitIds ? { benefitIds: [...body.benefitIds] } : {}),
      ...(body.benefits
        ? {
            benefits: body.benefits.map((link) => ({
              interventionId: link.interventionId,
              benefitId: link.benefitId,
              ...(link.amountPence !== undefined ? { amountPence: link.amountPence } : {}),
            })),
          }
        : {}),
    });
  }

  @Post('reports/:organisationId/:financialYear/sign-off')
  @HttpCode(201)
  @ApiFinancialYearParam()
  @ApiCreatedResponse({
    type: FinanceReportWritten,
    description: 'ReconciliationSignedOff (after which links change only in a new version)',
  })
  @ApiCommand(404)
  signOff(
    @Id('organisationId') organisationId: string,
    @FinancialYearParam('financialYear') financialYear: string,
    @Body() body: SignOffReconciliationDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<FinanceReportWritten>> {
    return this.send(request, actor, organisationId, financialYear, { type: 'SignOffReconciliation', note: body.note });
  }

  @Get('reports/:organisationId/:financialYear')
  @ApiFinancialYearParam()
  @ApiOperation({
    summary: 'the report as it stands: current version, lines with their links, signed off or not, revision',
  })
  @ApiOkResponse({ type: FinanceReportResponse })
  @ApiErrorResponses(400, 401, 403, 404, 429)
  get(
    @Id('organisationId') organisationId: string,
    @FinancialYearParam('financialYear') financialYear: string,
    @CurrentActor() actor: Actor,
  ): Promise<FinanceReportResponse> {
    return this.queries.execute(new GetFinanceReportQuery(organisationId, financialYear, actor));
  }

  @Get('reconciliation')
  @ApiOperation({
    summary:
      'reported against evidenced line by line, variance and status; validated benefits no line claims; cash-releasing and recurrent splits of both sides; every figure traceable',
  })
  @ApiOkResponse({ type: ReconciliationResponse })
  @ApiErrorResponses(400, 401, 403, 404, 429)
  reconciliation(
    @Query() query: ReconciliationQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReconciliationResponse> {
    return this.queries.execute(
      new GetReconciliationQuery(query.organisationId, query.financialYear, actor, valueQueryOptions(query).asAt),
    );
  }
}
