import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import {
  GetInterventionPlanAgainstActualQuery,
  InterventionCommandMessage,
  WriteResult,
} from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiCommand, ApiErrorResponses } from '../http/api-responses';
import { CommandContextFactory } from '../http/command-context.factory';
import { plainSource, RecordBenefitActualDto, ThroughYearQueryDto } from '@benefit-ledger/contracts';
import { IdParam as Id } from '../http/id-param.pipe';
import { Fits, NoneUndeclared, Undeclared } from '../http/response-shape';
import type { InterventionPlanAnswer } from './portfolio-answers';
import { BenefitActualWritten, InterventionPlanAgainstActualResponse } from './responses/plan-against-actual.response';

/** What the POST answers (documented as BenefitActualWritten). */
type ActualWritten = WriteResult & { interventionId: string; benefitId: string; financialYear: string };

/** Plan against actual on one intervention: finance of the landing organisation records what arrived; anyone signed in reads it. */
@ApiTags('benefits register')
@ApiBearerAuth()
@Controller('interventions')
export class BenefitActualsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post(':id/benefits/:benefitId/actuals')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'what arrived in one financial year of a validated benefit (finance of the landing organisation); one actual a year',
  })
  @ApiCreatedResponse({ type: BenefitActualWritten, description: 'BenefitActualRecorded' })
  @ApiCommand(404)
  async record(
    @Id('id') id: string,
    @Id('benefitId') benefitId: string,
    @Body() body: RecordBenefitActualDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<ActualWritten> {
    const context = this.contexts.fromRequest(request, actor);
    const result: WriteResult = await this.commands.execute(
      new InterventionCommandMessage(
        id,
        {
          type: 'RecordBenefitActual',
          benefitId,
          financialYear: body.financialYear,
          valuePence: body.valuePence,
          quantity: { value: body.quantity.value, unit: body.quantity.unit },
          source: plainSource(body.source),
        },
        context,
      ),
    );
    return { interventionId: id, benefitId, financialYear: body.financialYear, ...result };
  }

  @Get(':id/plan-against-actual')
  @ApiOperation({
    summary:
      'forecast vs actual vs variance per year for each validated benefit and rolled up; flags a year short of the threshold or not recorded',
  })
  @ApiOkResponse({ type: InterventionPlanAgainstActualResponse })
  @ApiErrorResponses(400, 401, 404, 429)
  plan(@Id('id') id: string, @Query() query: ThroughYearQueryDto): Promise<InterventionPlanAgainstActualResponse> {
    return this.queries.execute(new GetInterventionPlanAgainstActualQuery(id, query.throughYear ?? null));
  }
}

export type InterventionPlanChecked = [
  Fits<InterventionPlanAnswer, InterventionPlanAgainstActualResponse>,
  NoneUndeclared<Undeclared<InterventionPlanAnswer, InterventionPlanAgainstActualResponse>>,
];
