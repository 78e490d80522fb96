export * from './errors';
export * from './event-store.config';
export * from './event-store.module';
export * from './event-store.port';
export * from './hash-chain';
export * from './open-event-store';
export * from './sqlite/sqlite-event-store';
export * from './verify-log';
