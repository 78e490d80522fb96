import { DEAD_LETTER_HEADERS, InboundMessage, MESSAGE_ID_HEADER, MessagingTopics } from '../../src';
import { InMemoryBroker } from './in-memory-broker.double';
import { FinanceReportIntakeDouble } from './finance-report-intake.double';

/** A message's id, or undefined for one sent without the header (the suites send some on purpose). */
export const messageIdOf = (message: { headers: Partial<Record<string, string>> }): string | undefined =>
  message.headers[MESSAGE_ID_HEADER];

/**
 * "An offset is committed only after its message is handled", checked independently of the consumer: after
 * each commit, every message at or before the committed offset in that partition is in the ledger (the
 * intake double accepted its id) or was dead-lettered with the broker acknowledging the copy.
 */
export class CommitInvariant {
  readonly violations: string[] = [];
  checks = 0;

  constructor(
    private readonly broker: InMemoryBroker,
    private readonly topics: MessagingTopics,
    private readonly intake: FinanceReportIntakeDouble,
  ) {}

  /** Pass as the consumer's onHandled hook. */
  readonly afterCommit = (message: InboundMessage): void => {
    this.checks += 1;
    const dead = this.broker.acknowledged(this.topics.financeReportsDeadLetter);
    const deadOffsets = new Set(
      dead.map(
        (d) => `${d.headers[DEAD_LETTER_HEADERS.originalPartition]}@${d.headers[DEAD_LETTER_HEADERS.originalOffset]}`,
      ),
    );
    const deadIds = new Set(dead.map(messageIdOf).filter(Boolean));
    for (const record of this.broker.records(this.topics.financeReports)) {
      if (record.partition !== message.partition || record.offset > Number(message.offset)) continue;
      const id = messageIdOf(record);
      const handled =
        (id !== undefined && this.intake.accepted.has(id)) ||
        deadOffsets.has(`${record.partition}@${record.offset}`) ||
        (id !== undefined && deadIds.has(id));
      if (!handled)
        this.violations.push(
          `committed past ${record.partition}@${record.offset} (message-id ${id ?? 'none'}), which was neither accepted nor dead-lettered`,
        );
    }
  };
}
