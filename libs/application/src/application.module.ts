import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@benefit-ledger/event-store';
import { Projector, ReadModelQueries, ReadModelStore } from '@benefit-ledger/projections';
import { AuditPackBuilder } from './audit-pack/audit-pack.builder';
import { LogVerification } from './audit/log-verification';
import { VerifyLogHandler } from './audit/verify-log.handler';
import { StreamCommandRunner } from './commands/stream-command-runner';
import { APP_CONFIG, AppConfig, withConfigDefaults } from './config/app-config';
import { appConfigModule } from './config/config.module';
import { IdempotencyRecords } from './idempotency/idempotency-records';
import { PlannedImportHandler } from './imports/planned-import.handler';
import { GetInterventionValueHandler } from './interventions/get-intervention-value.handler';
import { GetInterventionHandler } from './interventions/get-intervention.handler';
import { InterventionCommandHandler } from './interventions/intervention-command.handler';
import { InterventionReader } from './interventions/intervention-reader';
import { GetOrganisationHandler } from './organisations/get-organisation.handler';
import { OrganisationDirectory } from './organisations/organisation-directory';
import { RegisterOrganisationHandler } from './organisations/register-organisation.handler';
import { financeProviders } from './finance/finance.providers';
import { partnershipProviders } from './partnerships/partnership.providers';
import { periodProviders } from './periods/period.providers';
import { readModelQueryHandlers } from './read-models/read-model-query.handlers';
import { ProjectionMode, readModelProviders } from './read-models/read-models.providers';
import { valuationProviders } from './valuation/unit-cost.handlers';
import { listProviders } from './lists/list-query.handlers';
import { benefitsRegisterProviders } from './benefits-register/benefits-register.providers';

const commandHandlers = [RegisterOrganisationHandler, InterventionCommandHandler, PlannedImportHandler];
const queryHandlers = [GetOrganisationHandler, GetInterventionHandler, GetInterventionValueHandler, VerifyLogHandler];

/** The application core shared by the HTTP API and the CLI: store, command and query buses, handlers. */
@Module({})
export class ApplicationModule {
  /** `projections`: 'live' keeps the read models caught up (the API); 'off' leaves them to the caller (CLI). */
  static forRoot(config: AppConfig, projections: ProjectionMode = 'live'): DynamicModule {
    return {
      module: ApplicationModule,
      global: true,
      imports: [appConfigModule(config), CqrsModule.forRoot(), EventStoreModule.forRoot(config)],
      providers: [
        { provide: APP_CONFIG, useValue: withConfigDefaults(config) },
        StreamCommandRunner,
        IdempotencyRecords,
        OrganisationDirectory,
        InterventionReader,
        ...commandHandlers,
        ...queryHandlers,
        ...partnershipProviders,
        LogVerification,
        AuditPackBuilder,
        ...periodProviders,
        ...valuationProviders,
        ...financeProviders,
        ...readModelProviders(projections),
        ...readModelQueryHandlers,
        ...listProviders,
        ...benefitsRegisterProviders,
      ],
      exports: [
        APP_CONFIG,
        CqrsModule,
        IdempotencyRecords,
        OrganisationDirectory,
        InterventionReader,
        ReadModelStore,
        Projector,
        ReadModelQueries,
        AuditPackBuilder,
      ],
    };
  }
}
