import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
  Provider,
} from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { Projector, ReadModelQueries, ReadModelStore, readModelFile } from '@benefit-ledger/projections';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Whether this process keeps the read models caught up live (the API) or leaves them alone (CLI rebuild). */
export type ProjectionMode = 'live' | 'off';
export const PROJECTION_MODE = Symbol('PROJECTION_MODE');

/** Starts the projector with the application and stops it before the event store closes. */
@Injectable()
export class ProjectionLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly projector: Projector,
    private readonly readModels: ReadModelStore,
    @Inject(PROJECTION_MODE) private readonly mode: ProjectionMode,
  ) {}

  onApplicationBootstrap(): void {
    if (this.mode === 'live') this.projector.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.projector.stop();
  }

  onApplicationShutdown(): void {
    this.readModels.close();
  }
}

export function readModelProviders(mode: ProjectionMode): Provider[] {
  return [
    { provide: PROJECTION_MODE, useValue: mode },
    {
      provide: ReadModelStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ReadModelStore(readModelFile(config.dataDir)),
    },
    // With projections off (the CLI), a query or a lookup that needs the read models current brings them up to date itself.
    {
      provide: Projector,
      inject: [EVENT_STORE, ReadModelStore],
      useFactory: (store: EventStore, readModels: ReadModelStore) =>
        new Projector(store, readModels, () => store.headPosition(), { catchUpWhenStopped: mode === 'off' }),
    },
    {
      provide: ReadModelQueries,
      inject: [ReadModelStore],
      useFactory: (readModels: ReadModelStore) => new ReadModelQueries(readModels),
    },
    ProjectionLifecycle,
  ];
}
