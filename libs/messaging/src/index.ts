export * from './clock';
export * from './retry';
export * from './topics';
export * from './ports/message-producer.port';
export * from './ports/message-consumer.port';
export * from './ports/messaging-state.port';
export * from './ports/finance-report-intake.port';
export * from './public-contract/contract-message';
export * from './public-contract/public-events.v1';
export * from './public-contract/partnership-statements.v1';
export * from './relay/partnership-statement-source';
export * from './relay/event-relay';
export * from './consumer/dead-letter';
export * from './consumer/finance-report-consumer';
export * from './state/sqlite-messaging-state';
export * from './state/open-messaging-state';
// The adapters below load kafkajs / @eventstore/db-client; import them from their files where they are needed:
//   ./kafka/kafka-config, ./kafka/kafkajs-producer, ./kafka/kafkajs-consumer, ./kafka/kafka-topics,
//   ./state/eventstoredb-messaging-state
