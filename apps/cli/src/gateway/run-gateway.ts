import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppConfig } from '@benefit-ledger/application';
import { EventStore, openEventStore } from '@benefit-ledger/event-store';
import {
  EventRelay,
  FinanceReportConsumer,
  FinanceReportIntake,
  MessageProducer,
  MessagingState,
  ReadModelStatementSource,
  openMessagingState,
} from '@benefit-ledger/messaging';
import { Projector, ReadModelStore } from '@benefit-ledger/projections';
import { Core, openCore } from '../application-context';
import { GatewayTransport } from './kafka-transport';

export interface GatewayOptions {
  relay: boolean;
  consumer: boolean;
  /** Consumer group of the finance-report consumer. */
  consumerGroup: string;
  /** Create missing topics first, with this replication factor (null: do not create). */
  createTopicsWithReplication: number | null;
  /** Reset the relay checkpoint to the start of the log before starting (everything is published again). */
  republishFromStart?: boolean;
  /** The finance-report intake, once wired (gateway/finance-report-intake.ts); without it the consumer does not run. */
  intake: ((core: Core) => FinanceReportIntake) | null;
}

/** The relay's own read models (for partnership statements), apart from the API's: never two writers on one file. */
export const relayReadModelFile = (dataDir: string) => join(dataDir, 'relay', 'read-models.sqlite');

export interface RunningGateway {
  /** Rejects if the relay or the consumer stopped on an error it cannot recover from; resolves after stop(). */
  done: Promise<void>;
  relay: EventRelay | null;
  consumer: FinanceReportConsumer | null;
  stop(): Promise<void>;
}

/**
 * The Kafka gateway process (`npm run cli -- gateway`): the relay out and the finance-report consumer in,
 * against the configured store. Run exactly one relay per log (a second one is stopped by the checkpoint's
 * compare-and-set); the API replicas never talk to Kafka.
 */
export async function runGateway(
  config: AppConfig,
  transport: GatewayTransport,
  options: GatewayOptions,
  print: (line: string) => void,
): Promise<RunningGateway> {
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne();
  };
  try {
    if (options.createTopicsWithReplication !== null) {
      const created = await transport.createTopics(options.createTopicsWithReplication);
      print(created.length ? `gateway: created topics ${created.join(', ')}` : 'gateway: topics already exist');
    }
    // The consumer's application context has the store open already: the relay shares that connection.
    const core = options.consumer && options.intake ? await openCore(config) : null;
    if (core) closers.push(() => core.context.close());
    const store = core?.store ?? (await openEventStore(config));
    if (!core) closers.push(() => store.close());
    const state = await openMessagingState(config);
    closers.push(() => state.close());
    const stopped: Promise<void>[] = [];

    if (options.republishFromStart) {
      await EventRelay.republishFromStart(state);
      print('gateway: relay checkpoint reset to the start of the log: every event and statement is published again');
    }
    const relay = options.relay ? await startRelay(config, store, state, transport, closers, print) : null;
    if (relay) stopped.push(relay.done);

    let consumer: FinanceReportConsumer | null = null;
    if (core && options.intake) {
      const producer = transport.producer();
      closers.push(() => producer.close());
      consumer = new FinanceReportConsumer({
        consumer: transport.consumer(options.consumerGroup),
        producer,
        state,
        intake: options.intake(core),
        log: print,
      });
      stopped.push(consumer.run());
    } else if (options.consumer) {
      print('gateway: finance-report consumer not started: no finance-report intake given');
    }
    if (!relay && !consumer)
      throw new Error('nothing to run: the relay is off (--no-relay) and the finance-report consumer is not running');
    print(
      `gateway: ${transport.describe()}; ${[relay && 'relay', consumer && 'finance-report consumer'].filter(Boolean).join(' and ')} running`,
    );

    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (async () => {
        await relay?.stop();
        await consumer?.stop();
        await close();
      })());
    const done = Promise.all(stopped).then(
      () => undefined,
      async (error: unknown) => {
        await stop();
        throw error;
      },
    );
    return {
      done,
      relay,
      consumer,
      stop: async () => {
        await stop();
        await done.catch(() => undefined);
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startRelay(
  config: AppConfig,
  store: EventStore,
  state: MessagingState,
  transport: GatewayTransport,
  closers: (() => Promise<void> | void)[],
  print: (line: string) => void,
): Promise<EventRelay> {
  const readModels = openRelayReadModels(config.dataDir);
  closers.push(() => readModels.close());
  const projector = new Projector(store, readModels, () => store.headPosition());
  projector.start();
  closers.push(() => projector.stop());
  const producer: MessageProducer = transport.producer();
  closers.push(() => producer.close());
  const relay = new EventRelay({
    store,
    producer,
    state,
    statements: new ReadModelStatementSource(projector, readModels),
    log: print,
  });
  await relay.start();
  return relay;
}

/**
 * Opens the relay's read models and keeps them locked for this process (SQLite exclusive locking), so a second
 * gateway on the same DATA_DIR stops at once with a clear message. Gateways on different machines (the
 * EventStoreDB topology) are kept to one by the checkpoint's compare-and-set instead.
 */
function openRelayReadModels(dataDir: string): ReadModelStore {
  const file = relayReadModelFile(dataDir);
  const held = () =>
    new Error(`another gateway is running on this DATA_DIR (${file} is locked): run exactly one gateway per log`);
  if (existsSync(file)) {
    const probe = new Database(file, { timeout: 0 }); // fail at once rather than after the usual busy wait
    try {
      probe.exec('BEGIN IMMEDIATE; ROLLBACK');
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw held();
      throw error;
    } finally {
      probe.close();
    }
  }
  const readModels = new ReadModelStore(file);
  try {
    readModels.db.pragma('locking_mode = EXCLUSIVE');
    readModels.db.exec('BEGIN IMMEDIATE; COMMIT'); // takes the lock now, and keeps it
    return readModels;
  } catch (error) {
    readModels.close();
    throw error;
  }
}
