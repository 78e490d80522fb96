import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetCapacityQuery } from '@benefit-ledger/application';
import { ApiErrorResponses } from '../http/api-responses';
import { CapacityResponse } from './responses/capacity.response';
import { CapacityQueryDto, valueQueryOptions } from '@benefit-ledger/contracts';

@ApiTags('value')
@ApiBearerAuth()
@Controller('capacity')
export class CapacityController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      'capacity released, harvested as cash, for reinvestment, unharvested, undecided; cash released and reinvested value',
  })
  @ApiOkResponse({ type: CapacityResponse })
  @ApiErrorResponses(400, 401, 429)
  capacity(@Query() query: CapacityQueryDto): Promise<CapacityResponse> {
    return this.queries.execute(
      new GetCapacityQuery(
        { organisationId: query.organisationId ?? null, resource: query.resource ?? null },
        valueQueryOptions(query),
      ),
    );
  }
}
