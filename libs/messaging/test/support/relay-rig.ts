import { join } from 'node:path';
import { RecordedEvent } from '@benefit-ledger/event-store';
import { Projector } from '@benefit-ledger/projections';
import {
  EVENT_HEADERS,
  EventRelay,
  MessagingState,
  PartnershipStatement,
  ReadModelStatementSource,
  RelayHooks,
  RelayOptions,
  SqliteMessagingState,
  isPublished,
} from '../../src';
import { TempLedger, readLog, tempLedger } from '@benefit-ledger/testing';
import { BrokerUnderTest, ReadRecord } from './broker-under-test';

/** The relay's timings in a test, and how long one wait for the read models lasts before it is retried. */
export interface RigTiming {
  relay: Partial<RelayOptions>;
  readModelWaitMs: number;
}

/** Millisecond timings for the double: failures cost milliseconds, not the production seconds. */
export const FAST: RigTiming = {
  relay: { lingerMs: 1, sendTimeoutMs: 40, backoff: { initialMs: 1, maxMs: 4 } },
  readModelWaitMs: 20,
};

/**
 * A relay over real parts: the real SQLite event store and read models in a temporary directory, a real
 * projector, the real SQLite messaging state; only the broker is the one under test (double or real Kafka).
 */
export class RelayRig {
  readonly state: MessagingState;
  private projectorStarted = false;
  private readonly relays: EventRelay[] = [];

  private constructor(
    readonly ledger: TempLedger,
    readonly broker: BrokerUnderTest,
    readonly projector: Projector,
    readonly timing: RigTiming,
  ) {
    this.state = new SqliteMessagingState(join(ledger.dir, 'messaging.sqlite'));
  }

  static open(broker: BrokerUnderTest, timing: RigTiming = FAST, options: { startProjector?: boolean } = {}): RelayRig {
    const ledger = tempLedger();
    const projector = new Projector(ledger.store, ledger.readModels, () => ledger.store.headPosition());
    const rig = new RelayRig(ledger, broker, projector, timing);
    if (options.startProjector ?? true) rig.startProjector();
    return rig;
  }

  get writer() {
    return this.ledger.writer;
  }

  startProjector(): void {
    if (this.projectorStarted) return;
    this.projectorStarted = true;
    this.projector.start();
  }

  /** A new relay (as a new process would start): a fresh producer, the same log, state and read models. */
  async startRelay(hooks: RelayHooks = {}, state: MessagingState = this.state): Promise<EventRelay> {
    const relay = new EventRelay(
      {
        store: this.ledger.store,
        producer: this.broker.producer(),
        state,
        statements: new ReadModelStatementSource(this.projector, this.ledger.readModels, this.timing.readModelWaitMs),
      },
      { ...this.timing.relay, topics: this.broker.topics },
      hooks,
    );
    this.relays.push(relay);
    await relay.start();
    return relay;
  }

  head(): Promise<number> {
    return this.ledger.store.headPosition();
  }

  log(): Promise<RecordedEvent[]> {
    return readLog(this.ledger.store);
  }

  /** Resolves once the relay's saved checkpoint reaches the log's head (or fails after `timeoutMs`). */
  async caughtUp(relay: EventRelay, timeoutMs = 60_000): Promise<void> {
    const head = await this.head();
    const deadline = Date.now() + timeoutMs;
    while ((relay.current()?.position ?? 0) < head) {
      if (Date.now() > deadline)
        throw new Error(
          `relay checkpoint ${relay.current()?.position} did not reach the head ${head} in ${timeoutMs} ms`,
        );
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  async close(): Promise<void> {
    for (const relay of this.relays) await relay.stop();
    await this.projector.stop();
    await this.state.close();
    await this.broker.close();
    await this.ledger.close();
  }
}

/** The public events that should reach the topic, per stream key, in stream order. */
export function expectedByStream(log: readonly RecordedEvent[]): Map<string, string[]> {
  const byStream = new Map<string, string[]>();
  for (const e of log.filter((x) => isPublished(x.type)))
    byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.eventId]);
  return byStream;
}

/**
 * What a consumer that drops duplicates by `event-id` (as the README tells it to) ends up with, per key, in
 * the order it read them: this must equal the log's public events per stream — nothing lost, nothing reordered.
 */
export function deliveredByStream(records: readonly ReadRecord[]): Map<string, string[]> {
  const seen = new Set<string>();
  const byKey = new Map<string, string[]>();
  for (const r of records) {
    const id = r.headers[EVENT_HEADERS.eventId];
    if (seen.has(id)) continue;
    seen.add(id);
    byKey.set(r.key!, [...(byKey.get(r.key!) ?? []), id]);
  }
  return byKey;
}

export const statementsIn = (records: readonly ReadRecord[]): PartnershipStatement[] =>
  records.map((r) => JSON.parse(r.value));
