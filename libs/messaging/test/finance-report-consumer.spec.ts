import { describeConsumerSuite } from './consumer.suite';
import { DoubleBrokerUnderTest } from './support/broker-under-test';
import { FAST_CONSUMER } from './support/consumer-rig';

// The shared consumer suite against the in-memory broker double (the same suite runs against real Kafka in
// kafka-consumer.integration-spec.ts).
describeConsumerSuite('in-memory broker double', () => Promise.resolve(new DoubleBrokerUnderTest()), FAST_CONSUMER);
