import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { GetOrganisationQuery, RegisterOrganisationCommand, WriteResult } from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiCommand, ApiErrorResponses } from '../http/api-responses';
import { CommandContextFactory } from '../http/command-context.factory';
import { IdParam } from '../http/id-param.pipe';
import { PlainAnswer } from '../http/response-shape';
import { RegisterOrganisationDto } from '@benefit-ledger/contracts';
import { OrganisationResponse, OrganisationWritten } from './responses/organisation.response';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: OrganisationWritten, description: 'OrganisationRegistered (admin only)' })
  @ApiCommand()
  async register(
    @Body() body: RegisterOrganisationDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<OrganisationWritten>> {
    const organisationId = body.organisationId ?? this.contexts.newEntityId(request);
    const result: WriteResult = await this.commands.execute(
      new RegisterOrganisationCommand(
        {
          type: 'RegisterOrganisation',
          organisationId,
          name: body.name,
          organisationType: body.type,
          system: body.system ?? null,
        },
        this.contexts.fromRequest(request, actor),
      ),
    );
    return { organisationId, ...result };
  }

  @Get(':organisationId')
  @ApiOkResponse({ type: OrganisationResponse })
  @ApiErrorResponses(400, 401, 404, 429)
  get(@IdParam('organisationId') organisationId: string): Promise<OrganisationResponse> {
    return this.queries.execute(new GetOrganisationQuery(organisationId));
  }
}
