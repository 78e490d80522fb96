import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig, ApplicationModule } from '@benefit-ledger/application';
import { AuditController } from './audit/audit.controller';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { JWT_SECRET } from './auth/jwt-secret.token';
import { HealthController } from './health/health.controller';
import { FinanceController } from './finance/finance.controller';
import { CommandContextFactory } from './http/command-context.factory';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { InterventionsController } from './interventions/interventions.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { PartnershipsController } from './partnerships/partnerships.controller';
import { PeriodsController } from './periods/periods.controller';
import { readModelControllers } from './read-models';
import { UnitCostsController } from './unit-costs/unit-costs.controller';

/** The HTTP edge over the application core. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, jwtSecret: string): DynamicModule {
    return {
      module: AppModule,
      imports: [ApplicationModule.forRoot(config)],
      controllers: [HealthController, OrganisationsController, InterventionsController, PartnershipsController, PeriodsController, AuditController, ...readModelControllers,
        UnitCostsController, FinanceController],
      providers: [
        { provide: JWT_SECRET, useValue: jwtSecret },
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        CommandContextFactory,
      ],
    };
  }
}
