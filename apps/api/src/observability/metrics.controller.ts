import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Response } from 'express';
import { Registry } from 'prom-client';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requireRole } from '../auth/require-role';
import { ApiErrorResponses } from '../http/api-responses';
import { LedgerMetrics } from './ledger-metrics';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: LedgerMetrics) {}

  @Get()
  @SkipThrottle() // a scrape must not be refused because the same token did other work
  @ApiOperation({
    summary:
      'metrics for Prometheus (text exposition format): requests, commands, appends, read-model lag; admin token only',
  })
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    content: { [Registry.PROMETHEUS_CONTENT_TYPE]: { schema: { type: 'string' } } },
  })
  @ApiErrorResponses(401, 403)
  scrape(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<string> {
    requireRole(actor, ['admin'], 'read the metrics');
    // set here, not by @Header: a refusal above is answered as JSON like any other
    response.setHeader('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE).setHeader('Cache-Control', 'no-store');
    return this.metrics.registry.metrics();
  }
}
