import { loadConfig } from '@benefit-ledger/application';
import { kafkaSettingsFromEnv } from '../src';

describe('Kafka settings from the environment', () => {
  it('is off (null) without KAFKA_BROKERS, or with an empty one', () => {
    expect(kafkaSettingsFromEnv({})).toBeNull();
    expect(kafkaSettingsFromEnv({ KAFKA_BROKERS: ' , ' })).toBeNull();
  });

  it('reads brokers, client id, TLS, SASL and the consumer group', () => {
    expect(
      kafkaSettingsFromEnv({
        KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
        KAFKA_CLIENT_ID: 'ledger-prod',
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'ledger',
        KAFKA_SASL_PASSWORD: 's3cret',
        KAFKA_CONSUMER_GROUP: 'finance-in',
      }),
    ).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      clientId: 'ledger-prod',
      ssl: true,
      consumerGroup: 'finance-in',
      sasl: { mechanism: 'scram-sha-512', username: 'ledger', password: 's3cret' },
    });
    expect(kafkaSettingsFromEnv({ KAFKA_BROKERS: 'localhost:29092' })).toEqual({
      brokers: ['localhost:29092'],
      clientId: 'benefit-ledger',
      ssl: false,
      consumerGroup: 'benefit-ledger.finance-reports',
    });
  });

  it('refuses what it cannot use, saying which variable is wrong', () => {
    expect(() => kafkaSettingsFromEnv({ KAFKA_BROKERS: 'kafka' })).toThrow(
      "KAFKA_BROKERS must be host:port[,host:port…], got 'kafka'",
    );
    expect(() => kafkaSettingsFromEnv({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'oauth' })).toThrow(
      'KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512',
    );
    expect(() => kafkaSettingsFromEnv({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      'needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    );
    expect(() =>
      kafkaSettingsFromEnv({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }),
    ).toThrow('need KAFKA_SASL_MECHANISM');
    expect(() => kafkaSettingsFromEnv({ KAFKA_BROKERS: 'k:1', KAFKA_SSL: 'yes' })).toThrow(
      "KAFKA_SSL must be one of true, false, got 'yes'",
    );
  });

  it('reads the KAFKA_* variables alone, as the configuration schema checks them (the rest of the environment is not its business)', () => {
    expect(kafkaSettingsFromEnv({ KAFKA_BROKERS: 'k:1', PORT: 'not a port', DATA_DIRR: '/x' })?.brokers).toEqual([
      'k:1',
    ]);
    expect(kafkaSettingsFromEnv({ KAFKA_BROKERS: 'k:1', KAFKA_SSL: 'true' })).toEqual(
      loadConfig({ KAFKA_BROKERS: 'k:1', KAFKA_SSL: 'true' }).kafka,
    );
  });
});
