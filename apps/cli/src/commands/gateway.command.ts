import { Command } from 'commander';
import { loadConfig } from '@benefit-ledger/application';

/** Runs the Kafka gateway (relay out, finance-report consumer in) until SIGINT / SIGTERM. */
export function gatewayCommand(print: (line: string) => void): Command {
  return new Command('gateway')
    .description(
      'run the Kafka gateway: the relay (public events and partnership statements out) and the finance-report consumer (in); ' +
        'needs KAFKA_BROKERS; run exactly one per log, beside the API (docs/kafka.md)',
    )
    .option('--no-relay', 'do not run the relay')
    .option('--no-consumer', 'do not run the finance-report consumer')
    .option(
      '--create-topics',
      'create the topics that do not exist yet (partitions and policies: libs/messaging/src/topics.ts)',
    )
    .option('--replication-factor <n>', 'replication factor of topics it creates', (v) => Number(v), 1)
    .option(
      '--republish-from-start',
      'reset the relay checkpoint first: publish every event and statement again (consumers drop duplicates by event id)',
    )
    .action(
      async (options: {
        relay: boolean;
        consumer: boolean;
        createTopics?: boolean;
        replicationFactor: number;
        republishFromStart?: boolean;
      }) => {
        // kafkajs and the gateway load only for this command
        const { kafkaTransport } = await import('../gateway/kafka-transport');
        const { runGateway } = await import('../gateway/run-gateway');
        const { financeReportIntake } = await import('../gateway/finance-report-intake');
        const config = loadConfig();
        const settings = config.kafka;
        if (!settings)
          throw new Error(
            'KAFKA_BROKERS is not set: the Kafka gateway is off (the API and everything else run without it)',
          );
        if (!Number.isInteger(options.replicationFactor) || options.replicationFactor < 1)
          throw new Error('--replication-factor must be a whole number of at least 1');
        const gateway = await runGateway(
          config,
          kafkaTransport(settings),
          {
            relay: options.relay,
            consumer: options.consumer,
            consumerGroup: settings.consumerGroup,
            createTopicsWithReplication: options.createTopics ? options.replicationFactor : null,
            intake: financeReportIntake,
            republishFromStart: options.republishFromStart,
          },
          print,
        );
        const onSignal = () => {
          print('gateway: stopping (what is not yet acknowledged is published again at the next start)');
          void gateway.stop();
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          await gateway.done;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      },
    );
}
