import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TraceFigureQuery } from '@benefit-ledger/application';
import { DEFAULT_TRACE_PAGE } from '@benefit-ledger/projections';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiErrorResponses } from '../http/api-responses';
import { TraceResponse } from './responses/trace.response';
import { TraceQueryDto } from '@benefit-ledger/contracts';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('trace')
export class TraceController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      'the events behind a figure (ids, stream, revision, position, hash, type, actor, recordedAt, source) and the arithmetic to it, a page of terms at a time',
  })
  @ApiOkResponse({ type: TraceResponse })
  @ApiErrorResponses(400, 401, 403, 429)
  trace(@Query() query: TraceQueryDto, @CurrentActor() actor: Actor): Promise<TraceResponse> {
    return this.queries.execute(
      new TraceFigureQuery(query.figure, actor, {
        offset: query.offset ?? DEFAULT_TRACE_PAGE.offset,
        limit: query.limit ?? DEFAULT_TRACE_PAGE.limit,
      }),
    );
  }
}
