/** A message as a consumer receives it. */
export interface InboundMessage {
  topic: string;
  partition: number;
  /** The message's offset in its partition (a decimal string, as Kafka gives it). */
  offset: string;
  key: string | null;
  value: string | null;
  /** Whatever the sender set: a header may be missing. */
  headers: Partial<Record<string, string>>;
}

/**
 * The consumer side of the broker, one consumer group (kafkajs adapter: kafka/kafkajs-consumer.ts; test
 * double: test/support/in-memory-broker.double.ts). Offsets are committed only when the caller says so.
 */
export interface MessageConsumer {
  /**
   * Delivers the topic's messages from the group's committed offsets, one at a time per partition, waiting
   * for each `handle` to finish. If `handle` throws, the message and those after it in its partition are
   * delivered again (from the last committed offset). Resolves when stopped.
   */
  consume(topic: string, handle: (message: InboundMessage) => Promise<void>): Promise<void>;
  /** Records that this message and everything before it in its partition are handled (Kafka: commits offset + 1). */
  commit(message: InboundMessage): Promise<void>;
  stop(): Promise<void>;
}
