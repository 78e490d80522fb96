import { Consumer, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { InboundMessage, MessageConsumer } from '../ports/message-consumer.port';

/**
 * MessageConsumer over kafkajs: one consumer group, auto-commit off (offsets are committed only by `commit`,
 * after the message is handled), a new group starts from the earliest offset so nothing sent before its
 * first start is missed. If `handle` throws, kafkajs restarts the consumer from the last committed offset.
 */
export class KafkaJsConsumer implements MessageConsumer {
  private readonly consumer: Consumer;
  private stopped: (() => void) | null = null;

  constructor(kafka: Kafka, groupId: string) {
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  }

  async consume(topic: string, handle: (message: InboundMessage) => Promise<void>): Promise<void> {
    const finished = new Promise<void>((resolve, reject) => {
      this.stopped = resolve;
      this.consumer.on(this.consumer.events.CRASH, (event) => {
        if (!event.payload.restart) reject(event.payload.error);
      });
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: from, partition, message }) => handle(toInbound(from, partition, message)),
    });
    await finished;
  }

  async commit(message: InboundMessage): Promise<void> {
    await this.consumer.commitOffsets([
      { topic: message.topic, partition: message.partition, offset: (BigInt(message.offset) + 1n).toString() },
    ]);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    this.stopped?.();
  }
}

function toInbound(topic: string, partition: number, message: KafkaMessage): InboundMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value ? message.value.toString('utf8') : null,
    headers: headersOf(message.headers),
  };
}

/** Kafka headers are bytes and may repeat; the first value of each, as UTF-8. */
function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}
