import { Backoff, Clock, systemClock, withTimeout } from '../clock';
import { FinanceReportIntake, IntakeOutcome } from '../ports/finance-report-intake.port';
import { InboundMessage, MessageConsumer } from '../ports/message-consumer.port';
import { MessageProducer } from '../ports/message-producer.port';
import { ConsumedOutcome, MessagingState } from '../ports/messaging-state.port';
import { StoppedError, retryUntilDone, untilStopped } from '../retry';
import { MessagingTopics, TOPICS } from '../topics';
import { deadLetterMessage } from './dead-letter';

export interface FinanceReportConsumerOptions {
  topics: Pick<MessagingTopics, 'financeReports' | 'financeReportsDeadLetter'>;
  /** A dead-letter send not acknowledged within this is treated as failed and sent again. */
  sendTimeoutMs: number;
  backoff: Backoff;
}

const DEFAULT_CONSUMER_OPTIONS: FinanceReportConsumerOptions = {
  topics: TOPICS,
  sendTimeoutMs: 30_000,
  backoff: { initialMs: 250, maxMs: 30_000 },
};

export interface FinanceReportConsumerDependencies {
  consumer: MessageConsumer;
  /** Writes to the dead-letter topic. */
  producer: MessageProducer;
  state: MessagingState;
  intake: FinanceReportIntake;
  clock?: Clock;
  log?: (line: string) => void;
}

/** The header a finance system puts its message id in; duplicates are dropped by it. */
export const MESSAGE_ID_HEADER = 'message-id';

export type ConsumerStep = 'check duplicates' | 'intake' | 'dead-letter' | 'remember' | 'commit';

export interface ConsumerHooks {
  /** After a message was handled and its offset committed. */
  onHandled?: (message: InboundMessage, outcome: ConsumedOutcome | 'dead-lettered-without-id') => void;
  /** After every failed attempt at a step (it is retried; a failed commit is left to redelivery). */
  onFailure?: (step: ConsumerStep, error: unknown, failures: number) => void;
}

type Verdict = { kind: 'duplicate' } | { kind: 'accepted' } | { kind: 'dead-letter'; reason: string; errors?: unknown };

/**
 * The finance-report consumer (docs/kafka.md, in): each message on `benefit-ledger.finance-reports.v1` goes to the
 * intake (the finance-report command, with the HTTP API's validation). A message is handled as
 * - a duplicate (its `message-id` was handled before): dropped;
 * - accepted: the report is in the ledger;
 * - dead-lettered: it can never be accepted as it is (no message id, not JSON, refused by the intake); it is
 *   copied unchanged to the dead-letter topic with the reason in its headers, and consumption goes on.
 * Only then, and only once the dead-letter write is acknowledged, is the outcome remembered and the offset
 * committed. Failures of the ledger, the state store or the broker are retried in place (order kept); a
 * crash before the commit means the message is delivered again and recognised as a duplicate.
 */
export class FinanceReportConsumer {
  private readonly options: FinanceReportConsumerOptions;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly stopping = new AbortController();

  constructor(
    private readonly deps: FinanceReportConsumerDependencies,
    options: Partial<FinanceReportConsumerOptions> = {},
    private readonly hooks: ConsumerHooks = {},
  ) {
    this.options = { ...DEFAULT_CONSUMER_OPTIONS, ...options };
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? (() => undefined);
  }

  /** Consumes until stopped; rejects if the consumer client fails for good. */
  async run(): Promise<void> {
    this.log(
      `finance-report consumer: consuming ${this.options.topics.financeReports}, dead letters to ${this.options.topics.financeReportsDeadLetter}`,
    );
    await this.deps.consumer.consume(this.options.topics.financeReports, (message) => this.handle(message));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.deps.consumer.stop();
  }

  /** Handles one message completely, then commits its offset. Throws only when stopping or when the commit fails. */
  async handle(message: InboundMessage): Promise<void> {
    const messageId = message.headers[MESSAGE_ID_HEADER]?.trim();
    const topic = this.options.topics.financeReports;
    if (!messageId) {
      await this.deadLetter(
        message,
        {
          kind: 'dead-letter',
          reason: `no ${MESSAGE_ID_HEADER} header: the message cannot be told apart from a duplicate`,
        },
        null,
      );
      await this.commit(message, 'dead-lettered-without-id');
      return;
    }
    const seen = await this.step('check duplicates', () => this.deps.state.consumed(topic, messageId));
    if (seen) {
      await this.commit(message, 'duplicate');
      return;
    }
    const verdict = await this.step('intake', () => this.judge(message, messageId));
    if (verdict.kind === 'dead-letter') await this.deadLetter(message, verdict, messageId);
    const outcome: ConsumedOutcome = verdict.kind === 'dead-letter' ? 'dead-lettered' : verdict.kind;
    await this.step('remember', () =>
      this.deps.state.rememberConsumed({
        topic,
        messageId,
        outcome,
        reason: verdict.kind === 'dead-letter' ? verdict.reason : null,
        consumedAt: this.clock.now().toISOString(),
      }),
    );
    await this.commit(message, outcome);
  }

  private async judge(message: InboundMessage, messageId: string): Promise<Verdict> {
    let body: unknown;
    try {
      body = JSON.parse(message.value ?? '');
    } catch (error) {
      return { kind: 'dead-letter', reason: `the value is not JSON: ${(error as Error).message}` };
    }
    const answer: IntakeOutcome = await this.deps.intake.accept({
      messageId,
      body,
      origin: { topic: message.topic, partition: message.partition, offset: message.offset },
    });
    if (answer.outcome === 'rejected') return { kind: 'dead-letter', reason: answer.reason, errors: answer.errors };
    return { kind: answer.outcome };
  }

  private async deadLetter(
    message: InboundMessage,
    verdict: Extract<Verdict, { kind: 'dead-letter' }>,
    messageId: string | null,
  ): Promise<void> {
    this.log(
      `finance-report consumer: dead-lettering ${message.topic}[${message.partition}]@${message.offset}${messageId ? ` (message-id ${messageId})` : ''}: ${verdict.reason}`,
    );
    const dead = deadLetterMessage(message, {
      reason: verdict.reason,
      errors: verdict.errors,
      failedAt: this.clock.now().toISOString(),
    });
    const topic = this.options.topics.financeReportsDeadLetter;
    await this.step('dead-letter', () =>
      withTimeout(
        this.clock,
        this.options.sendTimeoutMs,
        `the broker (send to ${topic})`,
        this.deps.producer.send(topic, [dead]),
      ),
    );
  }

  /** A failed commit is not retried here: the client redelivers from the last commit and the message is then a duplicate. */
  private async commit(message: InboundMessage, outcome: ConsumedOutcome | 'dead-lettered-without-id'): Promise<void> {
    try {
      await untilStopped(this.stopping.signal, this.deps.consumer.commit(message));
    } catch (error) {
      if (!(error instanceof StoppedError)) this.hooks.onFailure?.('commit', error, 1);
      throw error;
    }
    this.hooks.onHandled?.(message, outcome);
  }

  private step<T>(step: ConsumerStep, attempt: () => Promise<T>): Promise<T> {
    return retryUntilDone(attempt, {
      clock: this.clock,
      backoff: this.options.backoff,
      signal: this.stopping.signal,
      onFailure: (error, failures) => {
        this.log(
          `finance-report consumer: ${step} failed (attempt ${failures}, retrying): ${error instanceof Error ? error.message : String(error)}`,
        );
        this.hooks.onFailure?.(step, error, failures);
      },
    });
  }
}
