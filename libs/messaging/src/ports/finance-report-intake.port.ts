import { InboundMessage } from './message-consumer.port';

/** A finance-report message as the consumer hands it over. */
export interface FinanceReportMessage {
  /** The sender's id for this message (header `message-id`): the same id is the same report. */
  messageId: string;
  /** The parsed JSON body: the same shape as `POST /finance/reports`. */
  body: unknown;
  /** Where it came from, for the event's data source and the logs. */
  origin: Pick<InboundMessage, 'topic' | 'partition' | 'offset'>;
}

export type IntakeOutcome =
  | { outcome: 'accepted' }
  /** The ledger already holds this message's report (same message id): nothing new appended. */
  | { outcome: 'duplicate' }
  /** The message can never be accepted as it is (bad body, a domain rule): it goes to the dead-letter topic. */
  | { outcome: 'rejected'; reason: string; errors?: unknown };

/**
 * Turns a finance-report message into the finance-report command, with the same validation as the HTTP
 * API. Contract for implementations:
 * - answer `rejected` with the reason for anything about the message itself (invalid body: the 400
 *   messages, a domain rule: the 422 message, an unknown organisation …);
 * - be idempotent by `messageId` (use it as the command's idempotency key): the consumer may hand the same
 *   message over again after a crash between the append and remembering it, and must then get `duplicate`
 *   (or `accepted` again) without a second report being appended;
 * - throw only when the ledger cannot be reached: the consumer then waits and retries the same message,
 *   in order, and dead-letters nothing for an outage.
 */
export interface FinanceReportIntake {
  accept(message: FinanceReportMessage): Promise<IntakeOutcome>;
}
