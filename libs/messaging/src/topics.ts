/**
 * The Kafka topics of the integration (docs/kafka.md). The major version of each public contract is in the
 * topic name: a breaking change publishes to a new `.v2` topic beside `.v1`, never changes `.v1` in place.
 */
export interface MessagingTopics {
  /** Public integration events, keyed by stream id (relay, out). */
  events: string;
  /** Partnership value statements, keyed by `<partnershipId>|<financialYear>` (relay, out). */
  statements: string;
  /** Waste-reduction reports from finance systems (consumer, in). */
  financeReports: string;
  /** Finance-report messages the consumer could not accept, with the reason in headers. */
  financeReportsDeadLetter: string;
}

export const TOPICS: MessagingTopics = {
  events: 'benefit-ledger.events.v1',
  statements: 'benefit-ledger.partnership-statements.v1',
  financeReports: 'benefit-ledger.finance-reports.v1',
  financeReportsDeadLetter: 'benefit-ledger.finance-reports.v1.dlq',
};

/** How each topic is created (`gateway --create-topics`, the integration suites). */
export interface TopicSpec {
  topic: string;
  partitions: number;
  /** Broker-side topic configuration, e.g. compaction for statements (the latest per key is what counts). */
  config: Record<string, string>;
}

export function topicSpecs(topics: MessagingTopics = TOPICS): TopicSpec[] {
  return [
    { topic: topics.events, partitions: 6, config: { 'cleanup.policy': 'delete', 'retention.ms': '-1' } },
    { topic: topics.statements, partitions: 3, config: { 'cleanup.policy': 'compact' } },
    { topic: topics.financeReports, partitions: 3, config: { 'cleanup.policy': 'delete' } },
    {
      topic: topics.financeReportsDeadLetter,
      partitions: 1,
      config: { 'cleanup.policy': 'delete', 'retention.ms': '-1' },
    },
  ];
}
