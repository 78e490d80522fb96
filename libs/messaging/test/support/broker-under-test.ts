import { MessageConsumer, MessageProducer, MessagingTopics, OutboundMessage, TOPICS } from '../../src';
import { InMemoryBroker } from './in-memory-broker.double';

/** A record as read back from a topic. */
export interface ReadRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * What the shared relay and consumer suites need of a broker: the in-memory double here, real Kafka through
 * kafkajs in the integration suites (kafka-broker-under-test.ts). Topics are fresh for each test.
 */
export interface BrokerUnderTest {
  readonly topics: MessagingTopics;
  producer(): MessageProducer;
  consumer(groupId: string): MessageConsumer;
  /** Writes messages as another system would (a finance system publishing reports). */
  publish(topic: string, messages: readonly OutboundMessage[]): Promise<void>;
  /** Everything in the topic now, partition by partition in offset order. */
  read(topic: string): Promise<ReadRecord[]>;
  /** The group's committed offsets on the topic, per partition (0 where nothing is committed). */
  committed(groupId: string, topic: string): Promise<number[]>;
  close(): Promise<void>;
}

/** The double behind the shared suites; `double` exposes failure injection to the double-only suites. */
export class DoubleBrokerUnderTest implements BrokerUnderTest {
  readonly topics = TOPICS;
  constructor(readonly double = new InMemoryBroker()) {}
  producer() {
    return this.double.producer();
  }
  consumer(groupId: string) {
    return this.double.consumer(groupId);
  }
  publish(topic: string, messages: readonly OutboundMessage[]): Promise<void> {
    this.double.publish(topic, messages);
    return Promise.resolve();
  }
  read(topic: string): Promise<ReadRecord[]> {
    return Promise.resolve(
      this.double
        .records(topic)
        .map(({ partition, offset, key, value, headers }) => ({ partition, offset, key, value, headers })),
    );
  }
  committed(groupId: string, topic: string): Promise<number[]> {
    return Promise.resolve(
      Array.from({ length: this.double.partitionCount() }, (_, p) => this.double.committed(groupId, topic, p)),
    );
  }
  close(): Promise<void> {
    return Promise.resolve(); /* nothing held */
  }
}
