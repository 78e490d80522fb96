import { InboundMessage } from '../ports/message-consumer.port';
import { OutboundMessage } from '../ports/message-producer.port';

/** Headers a dead-lettered message carries besides its own. */
export const DEAD_LETTER_HEADERS = {
  reason: 'dlq-reason',
  /** JSON: the field errors, when the intake gave them (as the HTTP API's 400 `errors[]`). */
  errors: 'dlq-errors',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  failedAt: 'dlq-failed-at',
} as const;

/**
 * The dead-letter copy of a message: key, value and headers unchanged (so it can be corrected and sent
 * again), plus why and where from. The original `message-id` header stays, so a reader of the dead-letter
 * topic can drop the copy a crash may have written twice.
 */
export function deadLetterMessage(
  message: InboundMessage,
  why: { reason: string; errors?: unknown; failedAt: string },
): OutboundMessage {
  const headers = DEAD_LETTER_HEADERS;
  return {
    key: message.key,
    value: message.value ?? '',
    headers: {
      ...message.headers,
      [headers.reason]: why.reason,
      ...(why.errors === undefined ? {} : { [headers.errors]: JSON.stringify(why.errors) }),
      [headers.originalTopic]: message.topic,
      [headers.originalPartition]: String(message.partition),
      [headers.originalOffset]: message.offset,
      [headers.failedAt]: why.failedAt,
    },
  };
}
