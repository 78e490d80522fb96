import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConsumedOutcome,
  ConsumerHooks,
  FinanceReportConsumer,
  FinanceReportConsumerOptions,
  InboundMessage,
  MESSAGE_ID_HEADER,
  MessagingState,
  OutboundMessage,
  SqliteMessagingState,
} from '../../src';
import { BrokerUnderTest } from './broker-under-test';
import { FinanceReportIntakeDouble } from './finance-report-intake.double';

export const FAST_CONSUMER: Partial<FinanceReportConsumerOptions> = {
  sendTimeoutMs: 40,
  backoff: { initialMs: 1, maxMs: 4 },
};

/** A message a finance system would publish: the report as JSON, its id in the `message-id` header. */
export function reportMessage(
  messageId: string | null,
  value: unknown,
  key: string | null = 'org|2024/25',
): OutboundMessage {
  return {
    key,
    value: typeof value === 'string' ? value : JSON.stringify(value),
    headers: messageId === null ? {} : { [MESSAGE_ID_HEADER]: messageId },
  };
}

/**
 * The finance-report consumer over the real SQLite messaging state in a temporary directory, the intake double
 * (the finance-report command is issue 5's) and the broker under test (double or real Kafka). `start` is a new
 * process: a new consumer in the same group, the same state.
 */
export class ConsumerRig {
  readonly dir = mkdtempSync(join(tmpdir(), 'ledger-consumer-'));
  readonly state = new SqliteMessagingState(join(this.dir, 'messaging.sqlite'));
  readonly intake = new FinanceReportIntakeDouble();
  readonly handled: { message: InboundMessage; outcome: ConsumedOutcome | 'dead-lettered-without-id' }[] = [];
  readonly groupId = `finance-reports-${Math.random().toString(36).slice(2, 10)}`;
  private readonly running: { consumer: FinanceReportConsumer; run: Promise<void> }[] = [];

  constructor(
    readonly broker: BrokerUnderTest,
    readonly timing: Partial<FinanceReportConsumerOptions> = FAST_CONSUMER,
  ) {}

  start(hooks: ConsumerHooks = {}, state: MessagingState = this.state): FinanceReportConsumer {
    const consumer = new FinanceReportConsumer(
      { consumer: this.broker.consumer(this.groupId), producer: this.broker.producer(), state, intake: this.intake },
      { ...this.timing, topics: this.broker.topics },
      {
        ...hooks,
        onHandled: (message, outcome) => {
          this.handled.push({ message, outcome });
          hooks.onHandled?.(message, outcome);
        },
      },
    );
    this.running.push({ consumer, run: consumer.run() });
    return consumer;
  }

  /** Resolves when the consumer started last has stopped (it was killed, or its client failed). */
  stopped(): Promise<void> {
    return this.running[this.running.length - 1].run;
  }

  publish(...messages: OutboundMessage[]): Promise<void> {
    return this.broker.publish(this.broker.topics.financeReports, messages);
  }

  async untilHandled(count: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.handled.length < count) {
      if (Date.now() > deadline)
        throw new Error(`${this.handled.length} of ${count} messages handled after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  async close(): Promise<void> {
    for (const { consumer, run } of this.running) {
      await consumer.stop();
      await run.catch(() => undefined);
    }
    await this.state.close();
    await this.broker.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The state with some of its operations replaced (to inject failures or a kill at a precise point). */
export function stateWith(state: MessagingState, overrides: Partial<MessagingState>): MessagingState {
  return {
    relayCheckpoint: () => state.relayCheckpoint(),
    saveRelayCheckpoint: (checkpoint, expectedRevision) => state.saveRelayCheckpoint(checkpoint, expectedRevision),
    consumed: (topic, messageId) => state.consumed(topic, messageId),
    rememberConsumed: (record) => state.rememberConsumed(record),
    close: () => state.close(),
    ...overrides,
  };
}
