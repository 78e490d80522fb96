import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import {
  GetInterventionQuery, GetInterventionValueQuery, InterventionCommandMessage, WriteResult,
} from '@benefit-ledger/application';
import { Actor, InterventionCommand } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CommandContextFactory, CommandHeaders } from '../http/command-context.factory';
import { plainSource } from '../http/data-source.dto';
import { IdParam as Id } from '../http/id-param.pipe';
import { WriteResultDto } from '../http/write-result.dto';
import {
  ClaimBenefitDto, RejectBenefitDto, ReviseBenefitDto, ValidateBenefitDto,
} from './dto/claim-benefit.dto';
import { HarvestCapacityDto, ReinvestCapacityDto, ReleaseCapacityDto, ReleaseCashDto } from './dto/capacity.dto';
import { RecordCostDto } from './dto/record-cost.dto';
import { RecordDecisionDto } from './dto/record-decision.dto';
import { RecordMeasurementDto } from './dto/record-measurement.dto';
import { RegisterInterventionDto } from './dto/register-intervention.dto';
import { claimBenefitCommand, recordCostCommand, registerInterventionCommand, reviseBenefitCommand } from './intervention-commands';

/** Every write on an intervention: DTO (validated) -> domain command -> command bus -> 201 with where it landed. */
@ApiTags('interventions')
@ApiBearerAuth()
@CommandHeaders()
@Controller('interventions')
export class InterventionsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus, private readonly contexts: CommandContextFactory) {}

  private async send(request: Request, actor: Actor, interventionId: string, command: InterventionCommand, ids: Record<string, string> = {}) {
    const context = this.contexts.fromRequest(request, actor);
    const result: WriteResult = await this.commands.execute(new InterventionCommandMessage(interventionId, command, context));
    return { interventionId, ...ids, ...result };
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'InterventionRegistered' })
  register(@Body() b: RegisterInterventionDto, @Req() r: Request, @CurrentActor() a: Actor) {
    const interventionId = b.interventionId ?? this.contexts.newEntityId(r);
    return this.send(r, a, interventionId, registerInterventionCommand(b, interventionId));
  }

  @Post(':id/decisions')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'InterventionDecisionRecorded' })
  decide(@Id('id') id: string, @Body() b: RecordDecisionDto, @Req() r: Request, @CurrentActor() a: Actor) {
    return this.send(r, a, id, { type: 'RecordDecision', decision: b.decision, rationale: b.rationale, decidedOn: b.decidedOn ?? new Date().toISOString().slice(0, 10) });
  }

  @Post(':id/costs')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'CostRecorded' })
  cost(@Id('id') id: string, @Body() b: RecordCostDto, @Req() r: Request, @CurrentActor() a: Actor) {
    const costId = b.costId ?? this.contexts.newEntityId(r);
    return this.send(r, a, id, recordCostCommand(b, costId), { costId });
  }

  @Post(':id/measurements')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'MeasurementRecorded' })
  measure(@Id('id') id: string, @Body() b: RecordMeasurementDto, @Req() r: Request, @CurrentActor() a: Actor) {
    const measurementId = b.measurementId ?? this.contexts.newEntityId(r);
    return this.send(r, a, id, { type: 'RecordMeasurement', measurementId, measure: b.measure, unit: b.unit, kind: b.kind, value: b.value,
      periodStart: b.periodStart, periodEnd: b.periodEnd, source: plainSource(b.source) }, { measurementId });
  }

  @Post(':id/benefits')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'BenefitClaimed (valued from the catalogue when valuation.unitCostId is given; a profile is discounted)' })
  claim(@Id('id') id: string, @Body() b: ClaimBenefitDto, @Req() r: Request, @CurrentActor() a: Actor) {
    const benefitId = b.benefitId ?? this.contexts.newEntityId(r);
    return this.send(r, a, id, claimBenefitCommand(b, benefitId), { benefitId });
  }

  @Post(':id/benefits/:benefitId/revisions')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'BenefitRevised (only while the claim is unvalidated)' })
  revise(@Id('id') id: string, @Id('benefitId') benefitId: string, @Body() b: ReviseBenefitDto, @Req() r: Request, @CurrentActor() a: Actor) {
    return this.send(r, a, id, reviseBenefitCommand(b, benefitId), { benefitId });
  }

  @Post(':id/benefits/:benefitId/validation')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'BenefitValidated (finance)' })
  validate(@Id('id') id: string, @Id('benefitId') benefitId: string, @Body() b: ValidateBenefitDto, @Req() r: Request, @CurrentActor() a: Actor) {
    return this.send(r, a, id, { type: 'ValidateBenefit', benefitId, validatedValuePence: b.validatedValuePence, note: b.note }, { benefitId });
  }

  @Post(':id/benefits/:benefitId/rejection')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'BenefitRejected (finance)' })
  reject(@Id('id') id: string, @Id('benefitId') benefitId: string, @Body() b: RejectBenefitDto, @Req() r: Request, @CurrentActor() a: Actor) {
    return this.send(r, a, id, { type: 'RejectBenefit', benefitId, reason: b.reason }, { benefitId });
  }

  @Post(':id/capacity-releases')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'CapacityReleased' })
  release(@Id('id') id: string, @Body() b: ReleaseCapacityDto, @Req() r: Request, @CurrentActor() a: Actor) {
    const releaseId = b.releaseId ?? this.contexts.newEntityId(r);
    return this.send(r, a, id, { type: 'ReleaseCapacity', releaseId, benefitId: b.benefitId, resource: b.resource, quantity: b.quantity,
      landingOrganisationId: b.landingOrganisationId, financialYear: b.financialYear }, { releaseId });
  }

  @Post(':id/capacity-releases/:releaseId/harvests')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'CapacityHarvested (the organisation where the capacity landed)' })
  harvest(@Id('id') id: string, @Id('releaseId') releaseId: string, @Body() b: HarvestCapacityDto, @Req() r: Request, @CurrentActor() a: Actor) {
    return this.send(r, a, id, { type: 'HarvestCapacity', releaseId, harvest: b.harvest, quantity: b.quantity, rationale: b.rationale }, { releaseId });
  }

  @Post(':id/capacity-releases/:releaseId/cash-releases')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'CashReleased' })
  cash(@Id('id') id: string, @Id('releaseId') releaseId: string, @Body() b: ReleaseCashDto, @Req() r: Request, @CurrentActor() a: Actor) {
    return this.send(r, a, id, { type: 'ReleaseCash', releaseId, amountPence: b.amountPence, budgetLine: b.budgetLine }, { releaseId });
  }

  @Post(':id/capacity-releases/:releaseId/reinvestments')
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'CapacityReinvested' })
  reinvest(@Id('id') id: string, @Id('releaseId') releaseId: string, @Body() b: ReinvestCapacityDto, @Req() r: Request, @CurrentActor() a: Actor) {
    return this.send(r, a, id, { type: 'ReinvestCapacity', releaseId, quantity: b.quantity,
      into: { description: b.into.description, organisationId: b.into.organisationId }, valuePence: b.valuePence ?? null }, { releaseId });
  }

  @Get(':id')
  get(@Id('id') id: string) {
    return this.queries.execute(new GetInterventionQuery(id));
  }

  @Get(':id/value')
  value(@Id('id') id: string) {
    return this.queries.execute(new GetInterventionValueQuery(id));
  }
}
