/** A message on its way to a topic. Keys order messages: the same key always lands in the same partition, in order. */
export interface OutboundMessage {
  /** Null: no key (the broker spreads such messages over partitions). */
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * The producer side of the broker (kafkajs adapter: kafka/kafkajs-producer.ts; test double:
 * test/support/in-memory-broker.double.ts).
 */
export interface MessageProducer {
  /**
   * Sends the messages to one topic, in order. Resolves only once the broker has acknowledged every one of
   * them (Kafka: acks=all, i.e. written to every in-sync replica). Rejects if any may not have been: the
   * caller sends them all again, so a message can arrive more than once but is never silently lost.
   */
  send(topic: string, messages: readonly OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}
