import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetSystemFlowsQuery } from '@benefit-ledger/application';
import { ValueQueryDto } from './value-query.dto';
import { valueQueryOptions } from './value-query.options';

@ApiTags('value')
@ApiBearerAuth()
@Controller('system')
export class SystemController {
  constructor(private readonly queries: QueryBus) {}

  @Get('flows')
  @ApiOperation({ summary: 'validated value from investing to landing organisations, as Sankey nodes and links; totals equal the sum of validated benefits' })
  flows(@Query() q: ValueQueryDto) {
    return this.queries.execute(new GetSystemFlowsQuery(valueQueryOptions(q)));
  }
}
