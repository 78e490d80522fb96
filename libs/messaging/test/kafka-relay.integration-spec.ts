import { describeRelaySuite } from './relay.suite';
import { KafkaBrokerUnderTest } from './support/kafka-broker-under-test';

// The shared relay suite against real Kafka through the kafkajs adapters. Runs only when KAFKA_BROKERS is set
// (jest.config.js), e.g. `docker compose up -d` then KAFKA_BROKERS=localhost:29092 npm run test:integration.
// The log, read models and relay checkpoint are the real SQLite ones in a temporary directory.
jest.setTimeout(120_000);
describeRelaySuite('real Kafka (kafkajs)', () => KafkaBrokerUnderTest.open(), {
  relay: { lingerMs: 10, sendTimeoutMs: 30_000, backoff: { initialMs: 100, maxMs: 2_000 } },
  readModelWaitMs: 5_000,
});
