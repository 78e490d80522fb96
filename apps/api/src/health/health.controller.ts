import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig, withConfigDefaults } from '@benefit-ledger/application';
import { Public } from '../auth/public.decorator';
import { DiskHealth } from './disk.health';
import { ReadModelsHealth } from './read-models.health';
import { StoreHealth } from './store.health';

/**
 * Probes, without a token and never rate-limited: /health/live (the process answers: restart it if not) and
 * /health/ready (send it traffic: store reachable, read models caught up, disk space), 503 naming what failed.
 */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly store: StoreHealth,
    private readonly readModels: ReadModelsHealth,
    private readonly disk: DiskHealth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The original probe, kept as it answered: liveness. */
  @Get()
  @ApiOperation({ summary: 'liveness, as before /health/live existed: {"status":"ok"} while the process answers' })
  @ApiOkResponse({
    description: 'the process answers',
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  alive() {
    return { status: 'ok' };
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'liveness: the process answers (a failing liveness probe means restart it)' })
  live() {
    return this.health.check([
      () => this.indicators.check('process').up({ uptimeSeconds: Math.floor(process.uptime()) }),
    ]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'readiness: the store answers, the read models are caught up within READY_MAX_LAG_EVENTS, DATA_DIR has READY_MIN_FREE_DISK_MB free; 503 names the check that failed',
  })
  ready() {
    const settings = withConfigDefaults(this.config);
    return this.health.check([
      () => this.store.check(),
      () => this.readModels.check(settings.readyMaxLagEvents),
      () => this.disk.check(this.config.dataDir, settings.readyMinFreeDiskMb),
    ]);
  }
}
