import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AppConfig, ApplicationModule, withConfigDefaults } from '@benefit-ledger/application';
import { AuditController } from './audit/audit.controller';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { JWT_SECRET } from './auth/jwt-secret.token';
import { VerifiedTokens } from './auth/verified-tokens';
import { DiskHealth } from './health/disk.health';
import { HealthController } from './health/health.controller';
import { ReadModelsHealth } from './health/read-models.health';
import { StoreHealth } from './health/store.health';
import { FinanceController } from './finance/finance.controller';
import { CommandContextFactory } from './http/command-context.factory';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { CommandMetricsInterceptor, Instrumentation } from './observability/instrumentation';
import { LedgerMetrics } from './observability/ledger-metrics';
import { MetricsController } from './observability/metrics.controller';
import { ReadModelLag } from './observability/read-model-lag';
import { NestPinoLogger } from './observability/request-logging';
import { InterventionsController } from './interventions/interventions.controller';
import { InterventionTimelineController } from './interventions/timeline/intervention-timeline.controller';
import { GetInterventionTimelineHandler } from './interventions/timeline/intervention-timeline.query';
import { ListsController } from './lists/lists.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { PartnershipsController } from './partnerships/partnerships.controller';
import { PeriodsController } from './periods/periods.controller';
import { readModelControllers } from './read-models';
import { UnitCostsController } from './unit-costs/unit-costs.controller';
import { portfolioControllers } from './portfolio';
import { UserThrottlerGuard } from './security/user-throttler.guard';

/** The HTTP edge over the application core. */
@Module({})
export class AppModule {
  /** `logger`: the process's root logger, or null for none (tests). */
  static forRoot(config: AppConfig, jwtSecret: string, logger: pino.Logger | null = null): DynamicModule {
    const { rateLimitPerMinute } = withConfigDefaults(config);
    const controllers = [
      HealthController,
      MetricsController,
      OrganisationsController,
      InterventionsController,
      InterventionTimelineController,
      PartnershipsController,
      PeriodsController,
      AuditController,
      ...readModelControllers,
      UnitCostsController,
      FinanceController,
      ListsController,
      ...portfolioControllers,
    ];
    return {
      module: AppModule,
      imports: [
        ApplicationModule.forRoot(config),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        ...(rateLimitPerMinute > 0
          ? // a sliding minute (no block beyond it): Retry-After says when the oldest counted request leaves the window
            [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: rateLimitPerMinute, blockDuration: 0 }] })]
          : []),
        // The request logger itself is installed first of all in createApp; this binds it to Nest's logger inside requests.
        // Bound on the controllers' own routes, not a catch-all one, which would leave its pattern as an unmatched request's route.
        ...(logger ? [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: controllers })] : []),
      ],
      controllers,
      providers: [
        { provide: JWT_SECRET, useValue: jwtSecret },
        // guards run in this order: the rate limit first, so that requests with bad tokens are limited too
        // (the throttler is also a provider of its own, so that the fast cost lane counts its requests with it)
        ...(rateLimitPerMinute > 0
          ? [UserThrottlerGuard, { provide: APP_GUARD, useExisting: UserThrottlerGuard }]
          : []),
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_INTERCEPTOR, useClass: CommandMetricsInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        CommandContextFactory,
        VerifiedTokens,
        GetInterventionTimelineHandler,
        LedgerMetrics,
        ReadModelLag,
        Instrumentation,
        StoreHealth,
        ReadModelsHealth,
        DiskHealth,
        ...(logger ? [NestPinoLogger] : []),
      ],
    };
  }
}
