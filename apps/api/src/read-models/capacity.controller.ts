import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetCapacityQuery } from '@benefit-ledger/application';
import { CapacityQueryDto } from './value-query.dto';
import { valueQueryOptions } from './value-query.options';

@ApiTags('value')
@ApiBearerAuth()
@Controller('capacity')
export class CapacityController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'capacity released, harvested as cash, for reinvestment, unharvested, undecided; cash released and reinvested value' })
  capacity(@Query() q: CapacityQueryDto) {
    return this.queries.execute(new GetCapacityQuery({ organisationId: q.organisationId ?? null, resource: q.resource ?? null }, valueQueryOptions(q)));
  }
}
