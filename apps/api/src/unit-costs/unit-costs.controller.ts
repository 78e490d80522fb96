import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { GetUnitCostQuery, PublishUnitCostCommand, WriteResult } from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiCommand, ApiErrorResponses } from '../http/api-responses';
import { CommandContextFactory } from '../http/command-context.factory';
import { plainSource, FinancialYearField, PublishUnitCostDto } from '@benefit-ledger/contracts';
import { IdParam as Id } from '../http/id-param.pipe';
import { PlainAnswer } from '../http/response-shape';
import { UnitCostResponse, UnitCostWritten } from './responses/unit-cost.response';

class UnitCostQueryDto {
  @FinancialYearField({ optional: true, description: 'also answer the edition in force for this year' })
  financialYear?: string;
}

/** The valuation catalogue: unit costs by edition (finance and admins publish; everyone reads). */
@ApiTags('valuation')
@ApiBearerAuth()
@Controller('unit-costs')
export class UnitCostsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({
    type: UnitCostWritten,
    description: 'UnitCostPublished (a unit cost, or a new edition of its price)',
  })
  @ApiCommand()
  async publish(
    @Body() body: PublishUnitCostDto,
    @Req() request: Request,
    @CurrentActor() actor: Actor,
  ): Promise<PlainAnswer<UnitCostWritten>> {
    const result: WriteResult = await this.commands.execute(
      new PublishUnitCostCommand(
        {
          type: 'PublishUnitCost',
          unitCostId: body.unitCostId,
          resource: body.resource,
          unit: body.unit,
          pricePence: body.pricePence,
          source: plainSource(body.source),
          edition: body.edition,
          priceYear: body.priceYear,
          validFrom: body.validFrom,
        },
        this.contexts.fromRequest(request, actor),
      ),
    );
    return { unitCostId: body.unitCostId, edition: body.edition, ...result };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'a unit cost with every edition; ?financialYear= also answers the edition in force for that year',
  })
  @ApiOkResponse({ type: UnitCostResponse })
  @ApiErrorResponses(400, 401, 404, 429)
  get(@Id('id') id: string, @Query() query: UnitCostQueryDto): Promise<UnitCostResponse> {
    return this.queries.execute(new GetUnitCostQuery(id, query.financialYear ?? null));
  }
}
