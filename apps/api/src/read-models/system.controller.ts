import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetSystemFlowsQuery } from '@benefit-ledger/application';
import { ApiErrorResponses } from '../http/api-responses';
import { SystemFlowsResponse } from './responses/system-flows.response';
import { ValueQueryDto, valueQueryOptions } from '@benefit-ledger/contracts';

@ApiTags('value')
@ApiBearerAuth()
@Controller('system')
export class SystemController {
  constructor(private readonly queries: QueryBus) {}

  @Get('flows')
  @ApiOperation({
    summary:
      'validated value from investing to landing organisations, as Sankey nodes and links; totals equal the sum of validated benefits',
  })
  @ApiOkResponse({ type: SystemFlowsResponse })
  @ApiErrorResponses(400, 401, 429)
  flows(@Query() query: ValueQueryDto): Promise<SystemFlowsResponse> {
    return this.queries.execute(new GetSystemFlowsQuery(valueQueryOptions(query)));
  }
}
