import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetOrganisationValueQuery } from '@benefit-ledger/application';
import { IdParamPipe } from '../http/id-param.pipe';
import { ValueQueryDto } from './value-query.dto';
import { valueQueryOptions } from './value-query.options';

@ApiTags('value')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationValueController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':organisationId/value')
  @ApiOperation({ summary: 'invested, value landed here, where its investment landed, net; by type, lens, cash and recurrence' })
  value(@Param('organisationId', new IdParamPipe('organisationId')) organisationId: string, @Query() q: ValueQueryDto) {
    return this.queries.execute(new GetOrganisationValueQuery(organisationId, valueQueryOptions(q)));
  }
}
