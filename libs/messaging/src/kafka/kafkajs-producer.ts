import { Kafka, Producer } from 'kafkajs';
import { MessageProducer, OutboundMessage } from '../ports/message-producer.port';

/**
 * MessageProducer over kafkajs: an idempotent producer (the broker drops the duplicates of its own internal
 * retries, in order), acks=all, one request in flight so a partition's messages cannot be reordered by a
 * retry. kafkajs retries retriable errors itself; `send` rejects once it gives up, and the relay sends again.
 */
export class KafkaJsProducer implements MessageProducer {
  private readonly producer: Producer;
  private connecting: Promise<void> | null = null;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  async send(topic: string, messages: readonly OutboundMessage[]): Promise<void> {
    await this.connect();
    await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = null; // try again on the next send
      throw error;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    if (this.connecting) await this.producer.disconnect();
    this.connecting = null;
  }
}
