import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetPartnershipAttributionQuery } from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiErrorResponses } from '../http/api-responses';
import { IdParam } from '../http/id-param.pipe';
import { PartnershipAttributionResponse } from './responses/partnership-attribution.response';
import { AttributionQueryDto, valueQueryOptions } from '@benefit-ledger/contracts';

@ApiTags('value')
@ApiBearerAuth()
@Controller('partnerships')
export class PartnershipAttributionController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':partnershipId/attribution')
  @ApiOperation({
    summary:
      "attributed value per enrolled intervention and per member under the year's agreement; costs; ROI (members, auditors, admins)",
  })
  @ApiOkResponse({ type: PartnershipAttributionResponse })
  @ApiErrorResponses(400, 401, 403, 404, 422, 429)
  attribution(
    @IdParam('partnershipId') partnershipId: string,
    @Query() query: AttributionQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PartnershipAttributionResponse> {
    return this.queries.execute(new GetPartnershipAttributionQuery(partnershipId, actor, valueQueryOptions(query)));
  }
}
