import { randomUUID } from 'node:crypto';
import { Kafka, Producer, logLevel } from 'kafkajs';
import { MessageConsumer, MessageProducer, MessagingTopics, OutboundMessage, topicSpecs } from '../../src';
import { kafkaClient, kafkaSettingsFromEnv } from '../../src/kafka/kafka-config';
import { KafkaJsConsumer } from '../../src/kafka/kafkajs-consumer';
import { KafkaJsProducer } from '../../src/kafka/kafkajs-producer';
import { createTopics } from '../../src/kafka/kafka-topics';
import { BrokerUnderTest, ReadRecord } from './broker-under-test';

/**
 * Real Kafka (KAFKA_BROKERS: what test/kafka-broker/kafka-broker.sh start prints, or localhost:29092 after
 * `docker compose up -d`) behind the shared suites, through the production kafkajs adapters. Each instance
 * creates its own topics, named for the run, and deletes them when closed, so the suites never touch the
 * topology's real topics.
 */
export class KafkaBrokerUnderTest implements BrokerUnderTest {
  private readonly closers: (() => Promise<void>)[] = [];
  private plainProducer: Producer | null = null;

  private constructor(
    private readonly kafka: Kafka,
    readonly topics: MessagingTopics,
  ) {}

  /** On the KAFKA_BROKERS broker, or on `brokers` (a broker a suite started for itself) with the same settings. */
  static async open(brokers?: string[]): Promise<KafkaBrokerUnderTest> {
    const settings = kafkaSettingsFromEnv();
    if (!settings) throw new Error('KAFKA_BROKERS is not set');
    const kafka = kafkaClient({ ...settings, brokers: brokers ?? settings.brokers, clientId: 'benefit-ledger-tests' });
    const run = randomUUID().slice(0, 8);
    const topics: MessagingTopics = {
      events: `benefit-ledger.test-${run}.events.v1`,
      statements: `benefit-ledger.test-${run}.partnership-statements.v1`,
      financeReports: `benefit-ledger.test-${run}.finance-reports.v1`,
      financeReportsDeadLetter: `benefit-ledger.test-${run}.finance-reports.v1.dlq`,
    };
    await createTopics(kafka, topicSpecs(topics));
    return new KafkaBrokerUnderTest(kafka, topics);
  }

  /** kafkajs logs WARN and up (as in production); a suite that takes the broker down on purpose may quieten it. */
  setLogLevel(level: logLevel): void {
    this.kafka.logger().setLogLevel(level);
  }

  producer(): MessageProducer {
    const producer = new KafkaJsProducer(this.kafka);
    this.closers.push(() => producer.close());
    return producer;
  }

  consumer(groupId: string): MessageConsumer {
    const consumer = new KafkaJsConsumer(this.kafka, groupId);
    this.closers.push(() => consumer.stop());
    return consumer;
  }

  async publish(topic: string, messages: readonly OutboundMessage[]): Promise<void> {
    if (!this.plainProducer) {
      this.plainProducer = this.kafka.producer();
      await this.plainProducer.connect();
    }
    await this.plainProducer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
  }

  /** Reads the topic from the start up to the end offsets it has now, with a throwaway consumer group. */
  async read(topic: string): Promise<ReadRecord[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const remaining = new Map(
      ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]),
    );
    if (remaining.size === 0) return [];
    const records: ReadRecord[] = [];
    const consumer = this.kafka.consumer({ groupId: `reader-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} timed out`)), 30_000);
      void consumer
        .run({
          eachMessage: ({ partition, message }) => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(message.headers ?? {}))
              if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value).toString();
            records.push({
              partition,
              offset: Number(message.offset),
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? '',
              headers,
            });
            if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  }

  async committed(groupId: string, topic: string): Promise<number[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets.partitions.sort((a, b) => a.partition - b.partition).map((p) => Math.max(0, Number(p.offset)));
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    for (const close of this.closers) await close().catch(() => undefined);
    await this.plainProducer?.disconnect();
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(this.topics) }).catch(() => undefined);
    await admin.disconnect();
  }
}
