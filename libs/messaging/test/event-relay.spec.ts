import { describeRelaySuite } from './relay.suite';
import { DoubleBrokerUnderTest } from './support/broker-under-test';
import { FAST } from './support/relay-rig';

// The shared relay suite against the in-memory broker double (the same suite runs against real Kafka in
// kafka-relay.integration-spec.ts).
describeRelaySuite('in-memory broker double', () => Promise.resolve(new DoubleBrokerUnderTest()), FAST);
