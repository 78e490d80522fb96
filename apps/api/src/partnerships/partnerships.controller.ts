import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { GetPartnershipQuery, PartnershipCommandMessage, WriteResult } from '@benefit-ledger/application';
import { Actor, PartnershipCommand } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiCommand, ApiErrorResponses } from '../http/api-responses';
import { CommandContextFactory } from '../http/command-context.factory';
import {
  costFields,
  SetAttributionAgreementDto,
  EnrolInterventionDto,
  FormPartnershipDto,
  JoinMemberDto,
  LeaveMemberDto,
  RecordPartnershipCostDto,
} from '@benefit-ledger/contracts';
import { IdParam as Id } from '../http/id-param.pipe';
import { PlainAnswer } from '../http/response-shape';
import {
  PartnershipCostWritten,
  PartnershipEnrolmentWritten,
  PartnershipMemberWritten,
  PartnershipWritten,
} from './responses/partnership-writes.response';
import { PartnershipResponse } from './responses/partnership.response';

/** Every write on a partnership (partnership-lead of a lead member): DTO -> domain command -> command bus -> 201. */
@ApiTags('partnerships')
@ApiBearerAuth()
@Controller('partnerships')
export class PartnershipsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  private async send<Ids extends Record<string, string>>(
    request: Request,
    actor: Actor,
    partnershipId: string,
    command: PartnershipCommand,
    ids = {} as Ids,
  ) {
    const context = this.contexts.fromRequest(request, actor);
    const result: WriteResult = await this.commands.execute(
      new PartnershipCommandMessage(partnershipId, command, context),
    );
    return { partnershipId, ...ids, ...result };
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({
    type: PartnershipWritten,
    description: "PartnershipFormed (a partnership-lead of one of its 'lead' members)",
  })
  @ApiCommand()
  form(
    @Body() body: FormPartnershipDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<PartnershipWritten>> {
    const partnershipId = body.partnershipId ?? this.contexts.newEntityId(request);
    return this.send(request, actor, partnershipId, {
      type: 'FormPartnership',
      partnershipId,
      name: body.name,
      members: body.members.map((m) => ({ organisationId: m.organisationId, role: m.role })),
    });
  }

  @Post(':id/members')
  @HttpCode(201)
  @ApiCreatedResponse({ type: PartnershipMemberWritten, description: 'MemberJoined' })
  @ApiCommand(404)
  join(
    @Id('id') id: string,
    @Body() body: JoinMemberDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<PartnershipMemberWritten>> {
    return this.send(
      request,
      actor,
      id,
      { type: 'JoinMember', organisationId: body.organisationId, role: body.role },
      { organisationId: body.organisationId },
    );
  }

  @Post(':id/members/:organisationId/departure')
  @HttpCode(201)
  @ApiCreatedResponse({ type: PartnershipMemberWritten, description: 'MemberLeft (the last lead cannot leave)' })
  @ApiCommand(404)
  leave(
    @Id('id') id: string,
    @Id('organisationId') organisationId: string,
    @Body() body: LeaveMemberDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<PartnershipMemberWritten>> {
    return this.send(
      request,
      actor,
      id,
      { type: 'LeaveMember', organisationId, reason: body.reason },
      { organisationId },
    );
  }

  @Post(':id/agreements')
  @HttpCode(201)
  @ApiCreatedResponse({
    type: PartnershipWritten,
    description: 'AttributionAgreementSet (the next version; shares of current members summing to 10000)',
  })
  @ApiCommand(404)
  agree(
    @Id('id') id: string,
    @Body() body: SetAttributionAgreementDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<PartnershipWritten>> {
    return this.send(request, actor, id, {
      type: 'SetAttributionAgreement',
      shares: body.shares.map((s) => ({ organisationId: s.organisationId, basisPoints: s.basisPoints })),
      benefitTypes: body.benefitTypes,
      effectiveFrom: body.effectiveFrom,
    });
  }

  @Post(':id/enrolments')
  @HttpCode(201)
  @ApiCreatedResponse({ type: PartnershipEnrolmentWritten, description: 'InterventionEnrolled' })
  @ApiCommand(404)
  enrol(
    @Id('id') id: string,
    @Body() body: EnrolInterventionDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<PartnershipEnrolmentWritten>> {
    return this.send(
      request,
      actor,
      id,
      {
        type: 'EnrolIntervention',
        interventionId: body.interventionId,
        attributionBasisPoints: body.attributionBasisPoints,
      },
      { interventionId: body.interventionId },
    );
  }

  @Post(':id/costs')
  @HttpCode(201)
  @ApiCreatedResponse({
    type: PartnershipCostWritten,
    description: 'PartnershipCostRecorded (the bearer is a current member)',
  })
  @ApiCommand(404)
  cost(
    @Id('id') id: string,
    @Body() body: RecordPartnershipCostDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<PartnershipCostWritten>> {
    const costId = body.costId ?? this.contexts.newEntityId(request);
    return this.send(
      request,
      actor,
      id,
      {
        type: 'RecordPartnershipCost',
        costId,
        ...costFields(body),
      },
      { costId },
    );
  }

  /** Members current and former, agreements by version, enrolments, costs; for members (current or former), auditors and admins. */
  @Get(':id')
  @ApiOkResponse({ type: PartnershipResponse })
  @ApiErrorResponses(400, 401, 403, 404, 429)
  get(@Id('id') id: string, @CurrentActor() actor: Actor): Promise<PartnershipResponse> {
    return this.queries.execute(new GetPartnershipQuery(id, actor));
  }
}
