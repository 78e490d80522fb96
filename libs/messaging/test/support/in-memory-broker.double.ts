import { InboundMessage, MessageConsumer, MessageProducer, OutboundMessage } from '../../src';

/**
 * TEST DOUBLE — stands in for a Kafka broker (and the kafkajs clients) behind the MessageProducer and
 * MessageConsumer ports, in memory, so the relay's and the consumer's own logic can be driven through
 * failures a real broker produces only rarely: a send refused, a send never answered, an acknowledgement
 * arriving after the sender gave up, a broker dying after writing part of a batch, a commit refused.
 *
 * What it models: topics of partitions; a message's partition from its key (same key, same partition, in
 * order); per-group committed offsets; redelivery from the last commit after a handler throws; which writes
 * were acknowledged to the producer and when.
 *
 * What it does NOT prove: anything about kafkajs or a real broker — wire protocol, idempotent-producer
 * sequence numbers, rebalancing, retention, compaction, authentication, real timing. Those are covered by the
 * same suites run against real Kafka (`KAFKA_BROKERS=… npm run test:integration`, docs/operations.md "Production
 * topology"); this double is never used outside tests.
 */

/** What the broker does with one send. */
export type ProduceOutcome =
  /** Writes everything and acknowledges. */
  | { kind: 'ack' }
  /** Refuses at once and writes nothing (e.g. not enough in-sync replicas). */
  | { kind: 'refuse' }
  /** Never answers and writes nothing: only the sender's own timeout ends the wait. */
  | { kind: 'hang' }
  /** Writes everything but answers only after `afterMs` — later than the sender is prepared to wait. */
  | { kind: 'late-ack'; afterMs: number }
  /** Writes the first `written` messages, then dies: the send fails. */
  | { kind: 'die-mid-batch'; written: number };

export const ack = (): ProduceOutcome => ({ kind: 'ack' });
export const refuse = (): ProduceOutcome => ({ kind: 'refuse' });
export const hang = (): ProduceOutcome => ({ kind: 'hang' });
export const lateAck = (afterMs: number): ProduceOutcome => ({ kind: 'late-ack', afterMs });
export const dieMidBatch = (written: number): ProduceOutcome => ({ kind: 'die-mid-batch', written });

export interface StoredRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  /** True once the send that wrote it answered success to the producer. */
  acknowledged: boolean;
}

export class InjectedBrokerError extends Error {
  constructor(what: string) {
    super(`injected broker failure: ${what}`);
    this.name = 'InjectedBrokerError';
  }
}

export interface InMemoryBrokerOptions {
  /** Partitions per topic (default 3). */
  partitions?: number;
}

export class InMemoryBroker {
  private readonly logs = new Map<string, StoredRecord[][]>();
  /** Every record in the order it was written, across topics and partitions. */
  readonly written: StoredRecord[] = [];
  private readonly committedOffsets = new Map<string, number>();
  private produceSchedule: ProduceOutcome[] = [];
  private commitSchedule: ('ok' | 'fail')[] = [];
  private readonly waiting = new Set<() => void>();
  private readonly partitions: number;
  /** Sends received, whatever their outcome. */
  sends = 0;
  /** Called at each injected failure, before the sender hears of it (tests check the checkpoint here). */
  onInjectedFailure: (what: ProduceOutcome['kind'] | 'commit refused') => void = () => undefined;

  constructor(options: InMemoryBrokerOptions = {}) {
    this.partitions = options.partitions ?? 3;
  }

  /** The next sends get these outcomes, in order; after them every send is acknowledged. */
  scheduleProduce(...outcomes: ProduceOutcome[]): this {
    this.produceSchedule.push(...outcomes);
    return this;
  }

  /** The next commits succeed ('ok') or are refused ('fail'), in order; after them every commit succeeds. */
  scheduleCommits(...outcomes: ('ok' | 'fail')[]): this {
    this.commitSchedule.push(...outcomes);
    return this;
  }

  /** Every record of the topic, partition by partition, in offset order. */
  records(topic: string): StoredRecord[] {
    return (this.logs.get(topic) ?? []).flat();
  }

  /** The records of the topic the producer was told were written. */
  acknowledged(topic: string): StoredRecord[] {
    return this.records(topic).filter((r) => r.acknowledged);
  }

  committed(groupId: string, topic: string, partition: number): number {
    return this.committedOffsets.get(commitKey(groupId, topic, partition)) ?? 0;
  }

  partitionOf(key: string | null): number {
    if (key === null) return 0;
    let hash = 0x811c9dc5; // FNV-1a
    for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
    return hash % this.partitions;
  }

  producer(): MessageProducer {
    return { send: (topic, messages) => this.send(topic, messages), close: () => Promise.resolve() };
  }

  consumer(groupId: string): InMemoryConsumer {
    return new InMemoryConsumer(this, groupId);
  }

  /** Writes and acknowledges messages directly (a finance system publishing), bypassing the schedule. */
  publish(topic: string, messages: readonly OutboundMessage[]): StoredRecord[] {
    const records = this.write(topic, messages);
    for (const r of records) r.acknowledged = true;
    return records;
  }

  private async send(topic: string, messages: readonly OutboundMessage[]): Promise<void> {
    this.sends += 1;
    const outcome = this.produceSchedule.shift() ?? ack();
    switch (outcome.kind) {
      case 'ack': {
        for (const r of this.write(topic, messages)) r.acknowledged = true;
        return;
      }
      case 'refuse':
        this.onInjectedFailure('refuse');
        throw new InjectedBrokerError('send refused, nothing written');
      case 'hang':
        this.onInjectedFailure('hang');
        return new Promise<void>(() => undefined);
      case 'late-ack': {
        const records = this.write(topic, messages);
        this.onInjectedFailure('late-ack');
        await new Promise((resolve) => setTimeout(resolve, outcome.afterMs));
        for (const r of records) r.acknowledged = true;
        return;
      }
      case 'die-mid-batch': {
        this.write(topic, messages.slice(0, outcome.written));
        this.onInjectedFailure('die-mid-batch');
        throw new InjectedBrokerError(
          `broker died after writing ${Math.min(outcome.written, messages.length)} of ${messages.length} messages`,
        );
      }
    }
  }

  private write(topic: string, messages: readonly OutboundMessage[]): StoredRecord[] {
    let partitions = this.logs.get(topic);
    if (!partitions) {
      partitions = Array.from({ length: this.partitions }, () => []);
      this.logs.set(topic, partitions);
    }
    const records = messages.map((m) => {
      const partition = this.partitionOf(m.key);
      const record: StoredRecord = {
        topic,
        partition,
        offset: partitions[partition].length,
        key: m.key,
        value: m.value,
        headers: { ...m.headers },
        acknowledged: false,
      };
      partitions[partition].push(record);
      this.written.push(record);
      return record;
    });
    for (const wake of [...this.waiting]) wake();
    return records;
  }

  /** @internal for InMemoryConsumer */
  partitionLog(topic: string, partition: number): StoredRecord[] {
    return this.logs.get(topic)?.[partition] ?? [];
  }

  /** @internal */
  partitionCount(): number {
    return this.partitions;
  }

  /** @internal resolves at the next write (or when `signal` aborts). */
  nextWrite(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        this.waiting.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.waiting.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  /** @internal */
  commit(groupId: string, message: InboundMessage): void {
    if ((this.commitSchedule.shift() ?? 'ok') === 'fail') {
      this.onInjectedFailure('commit refused');
      throw new InjectedBrokerError('commit refused');
    }
    const key = commitKey(groupId, message.topic, message.partition);
    this.committedOffsets.set(key, Math.max(this.committedOffsets.get(key) ?? 0, Number(message.offset) + 1));
  }
}

const commitKey = (groupId: string, topic: string, partition: number) => `${groupId}\u0000${topic}\u0000${partition}`;

/**
 * TEST DOUBLE — one member of a consumer group on the in-memory broker. Delivers from the group's committed
 * offsets, one message at a time, partitions in turn; if `handle` throws, starts again from the committed
 * offsets (as kafkajs restarts its consumer). Stopping it is what a process being killed looks like.
 */
export class InMemoryConsumer implements MessageConsumer {
  private readonly stopping = new AbortController();

  constructor(
    private readonly broker: InMemoryBroker,
    private readonly groupId: string,
  ) {}

  async consume(topic: string, handle: (message: InboundMessage) => Promise<void>): Promise<void> {
    const partitions = this.broker.partitionCount();
    const positions = Array.from({ length: partitions }, (_, p) => this.broker.committed(this.groupId, topic, p));
    let turn = 0;
    // a function, not the property: `stop()` can abort during any await, which the compiler's narrowing cannot see
    const stopped = () => this.stopping.signal.aborted;
    while (!stopped()) {
      const next = this.nextMessage(topic, positions, turn);
      if (!next) {
        await this.broker.nextWrite(this.stopping.signal);
        continue;
      }
      turn = (next.partition + 1) % partitions;
      try {
        await handle(next);
        positions[next.partition] += 1;
      } catch {
        if (stopped()) return;
        for (let p = 0; p < partitions; p += 1) positions[p] = this.broker.committed(this.groupId, topic, p);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  private nextMessage(topic: string, positions: number[], turn: number): InboundMessage | null {
    for (let i = 0; i < positions.length; i += 1) {
      const partition = (turn + i) % positions.length;
      const record = this.broker.partitionLog(topic, partition).at(positions[partition]); // undefined past the end
      if (record) {
        return {
          topic,
          partition,
          offset: String(record.offset),
          key: record.key,
          value: record.value,
          headers: { ...record.headers },
        };
      }
    }
    return null;
  }

  commit(message: InboundMessage): Promise<void> {
    // a throw inside the executor rejects the promise, as the real consumer's refused commit does
    return new Promise((resolve) => {
      if (this.stopping.signal.aborted) throw new InjectedBrokerError('consumer is stopped');
      this.broker.commit(this.groupId, message);
      resolve();
    });
  }

  /** Stops at once; does not wait for the message being handled (a killed process does not either). */
  stop(): Promise<void> {
    this.stopping.abort();
    return Promise.resolve();
  }
}
