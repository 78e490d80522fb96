import { describeRelaySuite } from './relay.suite';
import { KafkaBrokerUnderTest } from './support/kafka-broker-under-test';

// The shared relay suite against real Kafka through the kafkajs adapters. Runs only when KAFKA_BROKERS is set
// (jest.config.js), e.g. KAFKA_BROKERS="$(test/kafka-broker/kafka-broker.sh start)" npm run test:integration
// (docs/kafka-in-ci.md), or `docker compose up -d` then KAFKA_BROKERS=localhost:29092.
// The log, read models and relay checkpoint are the real SQLite ones in a temporary directory.
jest.setTimeout(120_000);
describeRelaySuite('real Kafka (kafkajs)', () => KafkaBrokerUnderTest.open(), {
  relay: { lingerMs: 10, sendTimeoutMs: 30_000, backoff: { initialMs: 100, maxMs: 2_000 } },
  readModelWaitMs: 5_000,
});
