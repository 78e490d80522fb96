import { describeConsumerSuite } from './consumer.suite';
import { KafkaBrokerUnderTest } from './support/kafka-broker-under-test';

// The shared finance-report consumer suite against real Kafka through the kafkajs adapters. Runs only when
// KAFKA_BROKERS is set (jest.config.js; docs/kafka-in-ci.md). The messaging state is the real SQLite one in a
// temporary directory; the intake is the double standing in for the finance-report command (see its doc comment).
jest.setTimeout(120_000);
describeConsumerSuite('real Kafka (kafkajs)', () => KafkaBrokerUnderTest.open(), {
  sendTimeoutMs: 30_000,
  backoff: { initialMs: 100, maxMs: 2_000 },
});
