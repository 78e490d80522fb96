import {
  KafkaJsConsumer,
  KafkaJsProducer,
  KafkaSettings,
  MessageConsumer,
  MessageProducer,
  createTopics,
  kafkaClient,
  topicSpecs,
} from '@benefit-ledger/messaging';

/** How the gateway reaches the broker: kafkajs in production, the in-memory double in its end-to-end test. */
export interface GatewayTransport {
  producer(): MessageProducer;
  consumer(groupId: string): MessageConsumer;
  /** Creates the topics that do not exist yet; answers the ones it created. */
  createTopics(replicationFactor: number): Promise<string[]>;
  describe(): string;
}

export function kafkaTransport(settings: KafkaSettings): GatewayTransport {
  const kafka = kafkaClient(settings);
  return {
    producer: () => new KafkaJsProducer(kafka),
    consumer: (groupId) => new KafkaJsConsumer(kafka, groupId),
    createTopics: (replicationFactor) => createTopics(kafka, topicSpecs(), replicationFactor),
    describe: () =>
      `Kafka at ${settings.brokers.join(', ')}${settings.ssl ? ' (TLS)' : ''}${settings.sasl ? ` (SASL ${settings.sasl.mechanism})` : ''}`,
  };
}
