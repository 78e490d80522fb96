import { Kafka, KafkaConfig, SASLOptions, logLevel } from 'kafkajs';
import { KafkaSettings, kafkaSettingsFromEnvironment } from '@benefit-ledger/application';

/**
 * The KAFKA_* variables are read, checked and documented with every other variable in the application's
 * configuration schema (libs/application/src/config/config-schema.ts); this reads them alone.
 */
export type { KafkaSettings };

/** Kafka settings from the environment; null when KAFKA_BROKERS is unset: Kafka is off. */
export function kafkaSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaSettings | null {
  return kafkaSettingsFromEnvironment(env);
}

/** The kafkajs client for these settings; kafkajs logs warnings and errors only. */
export function kafkaClient(settings: KafkaSettings): Kafka {
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: settings.brokers,
    ssl: settings.ssl,
    logLevel: logLevel.WARN,
  };
  if (settings.sasl) config.sasl = settings.sasl as SASLOptions;
  return new Kafka(config);
}
