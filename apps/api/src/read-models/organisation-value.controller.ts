import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetOrganisationValueQuery } from '@benefit-ledger/application';
import { ApiErrorResponses } from '../http/api-responses';
import { IdParam } from '../http/id-param.pipe';
import { OrganisationValueResponse } from './responses/organisation-value.response';
import { ValueQueryDto, valueQueryOptions } from '@benefit-ledger/contracts';

@ApiTags('value')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationValueController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':organisationId/value')
  @ApiOperation({
    summary: 'invested, value landed here, where its investment landed, net; by type, lens, cash and recurrence',
  })
  @ApiOkResponse({ type: OrganisationValueResponse })
  @ApiErrorResponses(400, 401, 404, 429)
  value(
    @IdParam('organisationId') organisationId: string,
    @Query() query: ValueQueryDto,
  ): Promise<OrganisationValueResponse> {
    return this.queries.execute(new GetOrganisationValueQuery(organisationId, valueQueryOptions(query)));
  }
}
