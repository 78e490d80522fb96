import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { GetOrganisationQuery, RegisterOrganisationCommand, WriteResult } from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CommandContextFactory, CommandHeaders } from '../http/command-context.factory';
import { IdParamPipe } from '../http/id-param.pipe';
import { WriteResultDto } from '../http/write-result.dto';
import { RegisterOrganisationDto } from './register-organisation.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@CommandHeaders()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus, private readonly contexts: CommandContextFactory) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: WriteResultDto, description: 'OrganisationRegistered (admin only)' })
  async register(@Body() body: RegisterOrganisationDto, @Req() request: Request, @CurrentActor() actor: Actor) {
    const organisationId = body.organisationId ?? this.contexts.newEntityId(request);
    const result: WriteResult = await this.commands.execute(new RegisterOrganisationCommand(
      { type: 'RegisterOrganisation', organisationId, name: body.name, organisationType: body.type, system: body.system ?? null },
      this.contexts.fromRequest(request, actor),
    ));
    return { organisationId, ...result };
  }

  @Get(':organisationId')
  get(@Param('organisationId', new IdParamPipe('organisationId')) organisationId: string) {
    return this.queries.execute(new GetOrganisationQuery(organisationId));
  }
}
