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
    @Body() b: RegisterInterventionDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<InterventionWritten> {
    const interventionId = b.interventionId ?? this.contexts.newEntityId(r);
    return this.send(r, a, interventionId, registerInterventionCommand(b, interventionId));
  }

  @Post(':id/decisions')
  @HttpCode(201)
  @ApiCreatedResponse({ type: InterventionWritten, description: 'InterventionDecisionRecorded' })
  @ApiCommand(404)
  decide(
    @Id('id') id: string,
    @Body() b: RecordDecisionDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<InterventionWritten> {
    return this.send(r, a, id, {
      type: 'RecordDecision',
      decision: b.decision,
      rationale: b.rationale,
      decidedOn: b.decidedOn ?? new Date().toISOString().slice(0, 10),
    });
  }

  @Post(':id/costs')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CostWritten, description: 'CostRecorded' })
  @ApiCommand(404)
  cost(
    @Id('id') id: string,
    @Body() b: RecordCostDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<CostWritten>> {
    const costId = b.costId ?? this.contexts.newEntityId(r);
    return this.send(r, a, id, recordCostCommand(b, costId), { costId });
  }

  @Post(':id/measurements')
  @HttpCode(201)
  @ApiCreatedResponse({ type: MeasurementWritten, description: 'MeasurementRecorded' })
  @ApiCommand(404)
  measure(
    @Id('id') id: string,
    @Body() b: RecordMeasurementDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<MeasurementWritten>> {
    const measurementId = b.measurementId ?? this.contexts.newEntityId(r);
    return this.send(
      r,
      a,
      id,
      {
        type: 'RecordMeasurement',
        measurementId,
        measure: b.measure,
        unit: b.unit,
        kind: b.kind,
        value: b.value,
        periodStart: b.periodStart,
        periodEnd: b.periodEnd,
        source: plainSource(b.source),
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
    @Body() b: ClaimBenefitDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<BenefitWritten>> {
    const benefitId = b.benefitId ?? this.contexts.newEntityId(r);
    return this.send(r, a, id, claimBenefitCommand(b, benefitId), { benefitId });
  }

  @Post(':id/benefits/:benefitId/revisions')
  @HttpCode(201)
  @ApiCreatedResponse({ type: BenefitWritten, description: 'BenefitRevised (only while the claim is unvalidated)' })
  @ApiCommand(404)
  revise(
    @Id('id') id: string,
    @Id('benefitId') benefitId: string,
    @Body() b: ReviseBenefitDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<BenefitWritten>> {
    return this.send(r, a, id, reviseBenefitCommand(b, benefitId), { benefitId });
  }

  @Post(':id/benefits/:benefitId/validation')
  @HttpCode(201)
  @ApiCreatedResponse({ type: BenefitWritten, description: 'BenefitValidated (finance)' })
  @ApiCommand(404)
  validate(
    @Id('id') id: string,
    @Id('benefitId') benefitId: string,
    @Body() b: ValidateBenefitDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<BenefitWritten>> {
    return this.send(
      r,
      a,
      id,
      {
        type: 'ValidateBenefit',
        benefitId,
        validatedValuePence: b.validatedValuePence,
        note: b.note,
        validatedQuantity: b.validatedQuantity ?? null,
        source: plainSource(b.source),
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
    @Body() b: RejectBenefitDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<BenefitWritten>> {
    return this.send(r, a, id, { type: 'RejectBenefit', benefitId, reason: b.reason }, { benefitId });
  }

  @Post(':id/capacity-releases')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CapacityReleaseWritten, description: 'CapacityReleased' })
  @ApiCommand(404)
  release(
    @Id('id') id: string,
    @Body() b: ReleaseCapacityDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<CapacityReleaseWritten>> {
    const releaseId = b.releaseId ?? this.contexts.newEntityId(r);
    return this.send(
      r,
      a,
      id,
      {
        type: 'ReleaseCapacity',
        releaseId,
        benefitId: b.benefitId,
        resource: b.resource,
        quantity: b.quantity,
        landingOrganisationId: b.landingOrganisationId,
        financialYear: b.financialYear,
        source: plainSource(b.source),
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
    @Body() b: HarvestCapacityDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<CapacityReleaseWritten>> {
    return this.send(
      r,
      a,
      id,
      {
        type: 'HarvestCapacity',
        releaseId,
        harvest: b.harvest,
        quantity: b.quantity,
        rationale: b.rationale,
        source: plainSource(b.source),
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
    @Body() b: ReleaseCashDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<CapacityReleaseWritten>> {
    return this.send(
      r,
      a,
      id,
      {
        type: 'ReleaseCash',
        releaseId,
        amountPence: b.amountPence,
        budgetLine: b.budgetLine,
        source: plainSource(b.source),
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
    @Body() b: ReinvestCapacityDto,
    @Req() r: Request,
    @CurrentActor() a: Actor,
  ): Promise<PlainAnswer<CapacityReleaseWritten>> {
    return this.send(
      r,
      a,
      id,
      {
        type: 'ReinvestCapacity',
        releaseId,
        quantity: b.quantity,
        into: { description: b.into.description, organisationId: b.into.organisationId },
        valuePence: b.valuePence ?? null,
        source: plainSource(b.source),
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
  value(@Id('id') id: string, @Query() q: ValueQueryDto): Promise<InterventionValueResponse> {
    return this.queries.execute(new GetInterventionValueQuery(id, valueQueryOptions(q)));
  }
}
