import { EventStore, RecordedEvent, Subscription } from '@benefit-ledger/event-store';
import { Backoff, Clock, systemClock, withTimeout } from '../clock';
import { MessageProducer, OutboundMessage } from '../ports/message-producer.port';
import {
  CheckpointConflictError,
  MessagingState,
  RelayCheckpoint,
  StoredRelayCheckpoint,
} from '../ports/messaging-state.port';
import { PartnershipStatement, statementMessage } from '../public-contract/partnership-statements.v1';
import { PUBLIC_STREAM_PREFIXES, publicEventMessage } from '../public-contract/public-events.v1';
import { StoppedError, retryUntilDone } from '../retry';
import { MessagingTopics, TOPICS } from '../topics';
import { PartnershipStatementSource } from './partnership-statement-source';

export interface RelayOptions {
  topics: Pick<MessagingTopics, 'events' | 'statements'>;
  /** Most events published (and checkpointed) together. */
  maxBatch: number;
  /** How long a partial batch waits for more events before it is published. */
  lingerMs: number;
  /** A send not acknowledged within this is treated as failed and sent again. */
  sendTimeoutMs: number;
  /** Wait between failed attempts at a step (a send, the read models, the checkpoint write). */
  backoff: Backoff;
}

const DEFAULT_RELAY_OPTIONS: RelayOptions = {
  topics: TOPICS,
  maxBatch: 500,
  lingerMs: 20,
  sendTimeoutMs: 30_000,
  backoff: { initialMs: 250, maxMs: 30_000 },
};

export interface RelayDependencies {
  store: EventStore;
  producer: MessageProducer;
  state: MessagingState;
  statements: PartnershipStatementSource;
  clock?: Clock;
  log?: (line: string) => void;
}

/** The steps of publishing a batch; a failure names the step it happened in. */
export type RelayStep =
  'publish events' | 'wait for read models' | 'compute statements' | 'publish statements' | 'save checkpoint';

export interface RelayHooks {
  /** After every checkpoint saved. */
  onCheckpoint?: (checkpoint: StoredRelayCheckpoint) => void;
  /** After every failed attempt at a step (it is retried). */
  onFailure?: (step: RelayStep, error: unknown, failures: number) => void;
}

/**
 * The relay (docs/kafka.md, out): reads the global log from its checkpoint and publishes each event's public form
 * (public-contract/public-events.v1.ts) to the events topic, keyed by stream id, then the partnership value
 * statements the batch changed to the statements topic, then saves the checkpoint.
 *
 * At-least-once: the checkpoint is saved only after the broker acknowledged every message of the batch (and
 * the statements), so a crash, a refusal, a timeout or a broker dying mid-batch means the batch is sent
 * again — a consumer may see an event twice (same `event-id` header) but never misses one, and a stream's
 * events arrive in order. Each step is retried with backoff until it succeeds or the relay is stopped; a
 * checkpoint that moved under it (another relay) stops it for good.
 */
export class EventRelay {
  private readonly options: RelayOptions;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private checkpoint: StoredRelayCheckpoint | null = null;
  private subscription: Subscription | null = null;
  private pending: RecordedEvent[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private linger: AbortController | null = null;
  private readonly stopping = new AbortController();
  private readonly unpublishedTypes = new Set<string>();
  private settle!: { resolve: () => void; reject: (error: unknown) => void };
  /** Settles when the relay stops: resolves on stop(), rejects with the error that stopped it otherwise. */
  readonly done: Promise<void>;

  constructor(
    private readonly deps: RelayDependencies,
    options: Partial<RelayOptions> = {},
    private readonly hooks: RelayHooks = {},
  ) {
    this.options = { ...DEFAULT_RELAY_OPTIONS, ...options };
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? (() => undefined);
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => undefined);
  }

  /** Loads the checkpoint and starts publishing from it; refuses a checkpoint ahead of the log. */
  async start(): Promise<StoredRelayCheckpoint> {
    if (this.subscription) throw new Error('the relay is already running');
    const checkpoint = await this.deps.state.relayCheckpoint();
    const head = await this.deps.store.headPosition();
    if (checkpoint.position > head) {
      throw new Error(
        `the relay checkpoint (position ${checkpoint.position}) is ahead of the log (head ${head}): the log was restored from an older ` +
          'backup than the checkpoint. Restore both from the same backup, or run `gateway --republish-from-start` (consumers drop the duplicates by event id)',
      );
    }
    this.checkpoint = checkpoint;
    this.subscription = this.deps.store.subscribeToAll(
      { after: checkpoint.position, streamPrefixes: PUBLIC_STREAM_PREFIXES, onError: (error) => this.fail(error) },
      (event) => this.accept(event),
    );
    this.log(
      `relay: publishing from log position ${checkpoint.position} to ${this.options.topics.events} and ${this.options.topics.statements}`,
    );
    return checkpoint;
  }

  /**
   * Puts the checkpoint back to the start of the log, so the next start publishes everything again (after a
   * restore, or for a new consumer that needs the whole history). Not while running.
   */
  static async republishFromStart(state: MessagingState): Promise<void> {
    const stored = await state.relayCheckpoint();
    await state.saveRelayCheckpoint({ position: 0, statements: {} }, stored.revision);
  }

  /** The checkpoint as last saved (null before start). */
  current(): StoredRelayCheckpoint | null {
    return this.checkpoint;
  }

  /** Stops delivering and publishing. Whatever was not acknowledged is published again by the next start. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.linger?.abort();
    await this.subscription?.stop();
    await this.flushing;
    this.settle.resolve();
  }

  private fail(error: unknown): void {
    if (this.stopping.signal.aborted || error instanceof StoppedError) return;
    this.log(`relay: stopped by an error: ${message(error)}`);
    this.settle.reject(error);
    void this.stop();
  }

  private async accept(event: RecordedEvent): Promise<void> {
    this.pending.push(event);
    if (this.pending.length >= this.options.maxBatch) await this.flush();
    else this.armLinger();
  }

  private armLinger(): void {
    if (this.linger) return;
    const linger = new AbortController();
    this.linger = linger;
    void this.clock.sleep(this.options.lingerMs, linger.signal).then(() => {
      if (this.linger === linger) this.linger = null;
      if (!linger.signal.aborted) this.flush().catch((error: unknown) => this.fail(error));
    });
  }

  /** Publishes what is pending, in order; one flush at a time. */
  private flush(): Promise<void> {
    const run = this.flushing.then(async () => {
      while (this.pending.length > 0) await this.publishBatch(this.pending.splice(0, this.options.maxBatch));
    });
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async publishBatch(batch: RecordedEvent[]): Promise<void> {
    const checkpoint = this.checkpoint;
    if (!checkpoint) throw new Error('the relay publishes only after start() has loaded its checkpoint');
    const last = batch[batch.length - 1].position;

    const events = batch.map((event) => this.messageFor(event)).filter((m): m is OutboundMessage => m !== null);
    if (events.length > 0) await this.step('publish events', () => this.send(this.options.topics.events, events));

    await this.step('wait for read models', () => this.deps.statements.reached(last));
    const touched = await this.step('compute statements', () =>
      Promise.resolve(this.deps.statements.statementsTouchedBy(batch, last, Object.keys(checkpoint.statements))),
    );
    const changed = touched.filter((s) => checkpoint.statements[s.statementKey] !== s.contentHash);
    if (changed.length > 0)
      await this.step('publish statements', () =>
        this.send(this.options.topics.statements, changed.map(statementMessage)),
      );

    const next: RelayCheckpoint = {
      position: last,
      statements: { ...checkpoint.statements, ...statementHashes(changed) },
    };
    const revision = await this.step(
      'save checkpoint',
      () => this.save(next, checkpoint.revision),
      (e) => e instanceof CheckpointConflictError,
    );
    this.checkpoint = { ...next, revision };
    this.hooks.onCheckpoint?.(this.checkpoint);
  }

  private messageFor(event: RecordedEvent): OutboundMessage | null {
    const published = publicEventMessage(event); // null exactly when the type is not in the contract
    if (!published && !this.unpublishedTypes.has(event.type)) {
      this.unpublishedTypes.add(event.type);
      this.log(`relay: ${event.type} is not in the public contract: not published`);
    }
    return published;
  }

  private send(topic: string, messages: OutboundMessage[]): Promise<void> {
    return withTimeout(
      this.clock,
      this.options.sendTimeoutMs,
      `the broker (send to ${topic})`,
      this.deps.producer.send(topic, messages),
    );
  }

  /**
   * Compare-and-set on the checkpoint's revision. A conflict right after a save whose answer was lost is our
   * own write: the stored checkpoint is the one we meant to save.
   */
  private async save(next: RelayCheckpoint, expectedRevision: number): Promise<number> {
    try {
      return await this.deps.state.saveRelayCheckpoint(next, expectedRevision);
    } catch (error) {
      if (!(error instanceof CheckpointConflictError)) throw error;
      const stored = await this.deps.state.relayCheckpoint();
      if (stored.revision === expectedRevision + 1 && sameCheckpoint(stored, next)) return stored.revision;
      throw error;
    }
  }

  private step<T>(step: RelayStep, attempt: () => Promise<T>, isPermanent?: (error: unknown) => boolean): Promise<T> {
    return retryUntilDone(attempt, {
      clock: this.clock,
      backoff: this.options.backoff,
      signal: this.stopping.signal,
      isPermanent,
      onFailure: (error, failures) => {
        this.log(`relay: ${step} failed (attempt ${failures}, retrying): ${message(error)}`);
        this.hooks.onFailure?.(step, error, failures);
      },
    });
  }
}

function statementHashes(statements: PartnershipStatement[]): Record<string, string> {
  return Object.fromEntries(statements.map((s) => [s.statementKey, s.contentHash]));
}

function sameCheckpoint(first: RelayCheckpoint, second: RelayCheckpoint): boolean {
  const keys = Object.keys(first.statements);
  return (
    first.position === second.position &&
    keys.length === Object.keys(second.statements).length &&
    keys.every((k) => first.statements[k] === second.statements[k])
  );
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
