import { Kafka, KafkaConfig, SASLOptions, logLevel } from 'kafkajs';

/** Kafka settings from the environment (README "Configuration"); null when KAFKA_BROKERS is unset: Kafka is off. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** Consumer group of the finance-report consumer. */
  consumerGroup: string;
}

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
type SaslMechanism = (typeof SASL_MECHANISMS)[number];
const isSaslMechanism = (value: string): value is SaslMechanism => (SASL_MECHANISMS as readonly string[]).includes(value);

export function kafkaSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaSettings | null {
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) return null;
  for (const broker of brokers) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(broker)) throw new Error(`KAFKA_BROKERS must be host:port[,host:port…], got '${broker}'`);
  }
  const settings: KafkaSettings = {
    brokers,
    clientId: env.KAFKA_CLIENT_ID || 'benefit-ledger',
    ssl: env.KAFKA_SSL === 'true',
    consumerGroup: env.KAFKA_CONSUMER_GROUP || 'benefit-ledger.finance-reports',
  };
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (mechanism) {
    if (!isSaslMechanism(mechanism)) {
      throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got '${mechanism}'`);
    }
    if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) throw new Error('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
    settings.sasl = { mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD };
  }
  return settings;
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
