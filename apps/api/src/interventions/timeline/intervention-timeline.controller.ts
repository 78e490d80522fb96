import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../http/api-responses';
import { IdParam as Id } from '../../http/id-param.pipe';
import { DEFAULT_PAGE, ListQueryDto, valueQueryOptions } from '@benefit-ledger/contracts';
import { GetInterventionTimelineQuery } from './intervention-timeline.query';
import { InterventionTimelineResponse } from './intervention-timeline.response';

/** An intervention's decisions as a timeline: read like its value, by anyone signed in. */
@ApiTags('interventions')
@ApiBearerAuth()
@Controller('interventions')
export class InterventionTimelineController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/timeline')
  @ApiOperation({
    summary:
      "the intervention's decisions in the order recorded (registered, approved, costs, claims, validations and rejections with the note or reason, releases, harvests, reinvestments…): position, time, type, actor, plain words, source, and each amount as a traced figure; beside them every single line as a traced figure; ?offset=&limit= (at most 500) and ?asAt=",
  })
  @ApiOkResponse({ type: InterventionTimelineResponse })
  @ApiErrorResponses(400, 401, 404, 429)
  timeline(@Id('id') id: string, @Query() query: ListQueryDto): Promise<InterventionTimelineResponse> {
    return this.queries.execute(
      new GetInterventionTimelineQuery(
        id,
        { offset: query.offset ?? 0, limit: query.limit ?? DEFAULT_PAGE },
        valueQueryOptions(query).asAt,
      ),
    );
  }
}
