import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AppConfig, ApplicationModule, ProjectionMode } from '@benefit-ledger/application';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';

/** The same application core the API serves, without HTTP: the CLI's commands go through these buses. */
export interface Core {
  context: INestApplicationContext;
  commands: CommandBus;
  queries: QueryBus;
  store: EventStore;
}

/** The CLI leaves the read models alone unless a command asks (rebuild owns them while it runs). */
export async function openCore(config: AppConfig, projections: ProjectionMode = 'off'): Promise<Core> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its options bag as a class but reads it as plain data; an object literal is its documented form
  const context = await NestFactory.createApplicationContext(ApplicationModule.forRoot(config, projections), {
    logger: false,
  });
  return {
    context,
    commands: context.get(CommandBus),
    queries: context.get(QueryBus),
    store: context.get<EventStore>(EVENT_STORE),
  };
}
