import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import {
  GetInterventionQuery,
  GetInterventionValueQuery,
  InterventionCommandMessage,
  WriteResult,
} from '@benefit-ledger/application';
import { Actor, InterventionCommand } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiCommand, ApiErrorResponses } from '../http/api-responses';
import { CommandContextFactory } from '../http/command-context.factory';
import {
  plainSource,
  ClaimBenefitDto,
  RejectBenefitDto,
  ReviseBenefitDto,
  ValidateBenefitDto,
  HarvestCapacityDto,
  ReinvestCapacityDto,
  ReleaseCapacityDto,
  ReleaseCashDto,
  RecordCostDto,
  RecordDecisionDto,
  RecordMeasurementDto,
  RegisterInterventionDto,
  claimBenefitCommand,
  recordCostCommand,
  registerInterventionCommand,
  reviseBenefitCommand,
  ValueQueryDto,
  valueQueryOptions,
} from '@benefit-ledger/contracts';
import { PlainAnswer } from '../http/response-shape';
import { IdParam as Id } from '../http/id-param.pipe';
import { InterventionValueResponse } from './responses/intervention-value.response';
import {
  BenefitWritten,
  CapacityReleaseWritten,
  CostWritten,
  InterventionWritten,
  MeasurementWritten,
} from './responses/intervention-writes.response';
import { InterventionResponse } from './responses/intervention.response';

/** Every write on an intervention: DTO (validated) -> domain command -> command bus -> 201 with where it landed. */
@ApiTags('interventions')
@ApiBearerAuth()
@Controller('interventions')
export class InterventionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  private async send<Ids extends Record<string, string>>(
    request: Request,
    actor: Actor,
    interventionId: string,
    command: InterventionCommand,
    ids = {} as Ids,
  ) {
    const context = this.contexts.fromRequest(request, actor);
    const result: WriteResult = await this.commands.execute(
      new InterventionCommandMessage(interventionId, command, context),
    );
    return { interventionId, ...ids, ...result };
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: InterventionWritten, description: 'InterventionRegistered' })
  @ApiCommand()
  register(
    @Body() body: RegisterInterventionDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<InterventionWritten> {
    const interventionId = body.interventionId ?? this.contexts.newEntityId(request);
    return this.send(request, actor, interventionId, registerInterventionCommand(body, interventionId));
  }

  @Post(':id/decisions')
  @HttpCode(201)
  @ApiCreatedResponse({ type: InterventionWritten, description: 'InterventionDecisionRecorded' })
  @ApiCommand(404)
  decide(
    @Id('id') id: string,
    @Body() body: RecordDecisionDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<InterventionWritten> {
    return this.send(request, actor, id, {
      type: 'RecordDecision',
      decision: body.decision,
      rationale: body.rationale,
      decidedOn: body.decidedOn ?? new Date().toISOString().slice(0, 10),
    });
  }

  @Post(':id/costs')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CostWritten, description: 'CostRecorded' })
  @ApiCommand(404)
  cost(
    @Id('id') id: string,
    @Body() body: RecordCostDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<CostWritten>> {
    const costId = body.costId ?? this.contexts.newEntityId(request);
    return this.send(request, actor, id, recordCostCommand(body, costId), { costId });
  }

  @Post(':id/measurements')
  @HttpCode(201)
  @ApiCreatedResponse({ type: MeasurementWritten, description: 'MeasurementRecorded' })
  @ApiCommand(404)
  measure(
    @Id('id') id: string,
    @Body() body: RecordMeasurementDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<MeasurementWritten>> {
    const measurementId = body.measurementId ?? this.contexts.newEntityId(request);
    return this.send(
      request,
      actor,
      id,
      {
        type: 'RecordMeasurement',
        measurementId,
        measure: body.measure,
        unit: body.unit,
        kind: body.kind,
        value: body.value,
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
        source: plainSource(body.source),
      },
      { measurementId },
    );
  }

  @Post(':id/benefits')
  @HttpCode(201)
  @ApiCreatedResponse({
    type: BenefitWritten,
    description:
      'BenefitClaimed (valued from the catalogue when valuation.unitCostId is given; a profile is discounted)',
  })
  @ApiCommand(404)
  claim(
    @Id('id') id: string,
    @Body() body: ClaimBenefitDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<BenefitWritten>> {
    const benefitId = body.benefitId ?? this.contexts.newEntityId(request);
    return this.send(request, actor, id, claimBenefitCommand(body, benefitId), { benefitId });
  }

  @Post(':id/benefits/:benefitId/revisions')
  @HttpCode(201)
  @ApiCreatedResponse({ type: BenefitWritten, description: 'BenefitRevised (only while the claim is unvalidated)' })
  @ApiCommand(404)
  revise(
    @Id('id') id: string,
    @Id('benefitId') benefitId: string,
    @Body() body: ReviseBenefitDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<BenefitWritten>> {
    return this.send(request, actor, id, reviseBenefitCommand(body, benefitId), { benefitId });
  }

  @Post(':id/benefits/:benefitId/validation')
  @HttpCode(201)
  @ApiCreatedResponse({ type: BenefitWritten, description: 'BenefitValidated (finance)' })
  @ApiCommand(404)
  validate(
    @Id('id') id: string,
    @Id('benefitId') benefitId: string,
    @Body() body: ValidateBenefitDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<BenefitWritten>> {
    return this.send(
      request,
      actor,
      id,
      {
        type: 'ValidateBenefit',
        benefitId,
        validatedValuePence: body.validatedValuePence,
        note: body.note,
        validatedQuantity: body.validatedQuantity ?? null,
        source: plainSource(body.source),
      },
      { benefitId },
    );
  }

  @Post(':id/benefits/:benefitId/rejection')
  @HttpCode(201)
  @ApiCreatedResponse({ type: BenefitWritten, description: 'BenefitRejected (finance)' })
  @ApiCommand(404)
  reject(
    @Id('id') id: string,
    @Id('benefitId') benefitId: string,
    @Body() body: RejectBenefitDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<BenefitWritten>> {
    return this.send(request, actor, id, { type: 'RejectBenefit', benefitId, reason: body.reason }, { benefitId });
  }

  @Post(':id/capacity-releases')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CapacityReleaseWritten, description: 'CapacityReleased' })
  @ApiCommand(404)
  release(
    @Id('id') id: string,
    @Body() body: ReleaseCapacityDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<CapacityReleaseWritten>> {
    const releaseId = body.releaseId ?? this.contexts.newEntityId(request);
    return this.send(
      request,
      actor,
      id,
      {
        type: 'ReleaseCapacity',
        releaseId,
        benefitId: body.benefitId,
        resource: body.resource,
        quantity: body.quantity,
        landingOrganisationId: body.landingOrganisationId,
        financialYear: body.financialYear,
        source: plainSource(body.source),
      },
      { releaseId },
    );
  }

  @Post(':id/capacity-releases/:releaseId/harvests')
  @HttpCode(201)
  @ApiCreatedResponse({
    type: CapacityReleaseWritten,
    description: 'CapacityHarvested (the organisation where the capacity landed)',
  })
  @ApiCommand(404)
  harvest(
    @Id('id') id: string,
    @Id('releaseId') releaseId: string,
    @Body() body: HarvestCapacityDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<CapacityReleaseWritten>> {
    return this.send(
      request,
      actor,
      id,
      {
        type: 'HarvestCapacity',
        releaseId,
        harvest: body.harvest,
        quantity: body.quantity,
        rationale: body.rationale,
        source: plainSource(body.source),
      },
      { releaseId },
    );
  }

  @Post(':id/capacity-releases/:releaseId/cash-releases')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CapacityReleaseWritten, description: 'CashReleased' })
  @ApiCommand(404)
  cash(
    @Id('id') id: string,
    @Id('releaseId') releaseId: string,
    @Body() body: ReleaseCashDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<CapacityReleaseWritten>> {
    return this.send(
      request,
      actor,
      id,
      {
        type: 'ReleaseCash',
        releaseId,
        amountPence: body.amountPence,
        budgetLine: body.budgetLine,
        source: plainSource(body.source),
      },
      { releaseId },
    );
  }

  @Post(':id/capacity-releases/:releaseId/reinvestments')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CapacityReleaseWritten, description: 'CapacityReinvested' })
  @ApiCommand(404)
  reinvest(
    @Id('id') id: string,
    @Id('releaseId') releaseId: string,
    @Body() body: ReinvestCapacityDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<CapacityReleaseWritten>> {
    return this.send(
      request,
      actor,
      id,
      {
        type: 'ReinvestCapacity',
        releaseId,
        quantity: body.quantity,
        into: { description: body.into.description, organisationId: body.into.organisationId },
        valuePence: body.valuePence ?? null,
        source: plainSource(body.source),
      },
      { releaseId },
    );
  }

  @Get(':id')
  @ApiOkResponse({ type: InterventionResponse })
  @ApiErrorResponses(400, 401, 404, 429)
  get(@Id('id') id: string): Promise<InterventionResponse> {
    return this.queries.execute(new GetInterventionQuery(id));
  }

  @Get(':id/value')
  @ApiOperation({
    summary:
      'claimed, validated and realised value, each with cash / non-cash, net and ROI on the costs it names; ?financialYear= and ?asAt= like every figure',
  })
  @ApiOkResponse({ type: InterventionValueResponse })
  @ApiErrorResponses(400, 401, 404, 429)
  value(@Id('id') id: string, @Query() query: ValueQueryDto): Promise<InterventionValueResponse> {
    return this.queries.execute(new GetInterventionValueQuery(id, valueQueryOptions(query)));
  }
}
