import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetPartnershipAttributionQuery } from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IdParamPipe } from '../http/id-param.pipe';
import { AttributionQueryDto } from './value-query.dto';
import { valueQueryOptions } from './value-query.options';

@ApiTags('value')
@ApiBearerAuth()
@Controller('partnerships')
export class PartnershipAttributionController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':partnershipId/attribution')
  @ApiOperation({ summary: "attributed value per enrolled intervention and per member under the year's agreement; costs; ROI (members, auditors, admins)" })
  attribution(@Param('partnershipId', new IdParamPipe('partnershipId')) partnershipId: string, @Query() q: AttributionQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetPartnershipAttributionQuery(partnershipId, actor, valueQueryOptions(q)));
  }
}
