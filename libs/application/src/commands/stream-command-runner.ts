import { Inject, Injectable } from '@nestjs/common';
import { DomainEvent } from '@benefit-ledger/domain';
import {
  AppendResult,
  EVENT_STORE,
  EventStore,
  EventToAppend,
  WrongExpectedRevisionError,
} from '@benefit-ledger/event-store';
import { ConcurrencyConflictError } from '../application-errors';
import { WriteResult } from './command-context';
import { CommandPlan } from './command-plan';
import { AppendMiddleware, RunMiddleware, appendThrough, runThrough } from './command-pipeline';
import { decideOn } from './decide-stage';
import { FoldedStreamCache } from './folded-stream-cache';
import { attemptIds } from './idempotent-event-ids';
import { LedgerMoneyGuard } from './ledger-money-guard';
import { LogWatch } from './log-watch';
import { conflictRetry } from './middleware/conflict-retry.middleware';
import { idempotentReplay } from './middleware/idempotent-replay.middleware';
import { moneyGuard } from './middleware/money-guard.middleware';
import { streamTurns } from './middleware/stream-turns.middleware';
import { commitStreams } from './plan-commit';
import { StreamCommand } from './stream-command';

// Where the runner's parts live, for those who import them from here.
export { CommandPlan } from './command-plan';
export { SCHEMA_VERSION, eventMetadata } from './event-metadata';
export { PartialCommitError } from './plan-commit';
export type { StreamCommand } from './stream-command';

/** Attempts at a command when another writer got in between our read and our append, and the client set no revision. */
const MAX_ATTEMPTS = 3;

/**
 * The one way anything is written: read the stream and fold it (from the folded-stream cache), decide, and append
 * at the revision that was read. Everything else is middleware (command-pipeline.ts): around the run, the request's
 * own (the period gate), then stream turns, conflict retry and idempotent replay; around deciding, the decide stage
 * (decide-stage.ts); around the append, the ledger money guard. A refusal appends nothing.
 */
@Injectable()
export class StreamCommandRunner {
  private readonly folded = new FoldedStreamCache();
  /** What this store commits, followed: whether what the cache and the directories remember still holds (log-watch.ts). */
  private readonly watch: LogWatch | null;
  private readonly runStages: readonly RunMiddleware[];
  private readonly appendStages: readonly AppendMiddleware[];

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.watch = LogWatch.of(store);
    this.runStages = [streamTurns(), conflictRetry(MAX_ATTEMPTS), idempotentReplay(store)];
    this.appendStages = [moneyGuard(new LedgerMoneyGuard(store))];
  }

  run<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<WriteResult> {
    return runThrough([...(request.around ?? []), ...this.runStages], request, () => this.attempt(request));
  }

  /** The core: read -> fold -> decide -> append, once. */
  private async attempt<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<WriteResult> {
    const { decider, streamId, context } = request;
    // the command's one look at the log: the cache, the directories and the money guard all go by it
    const look = await this.watch?.look();
    const { state, revision } = await this.folded.load(this.store, decider, streamId, look);
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new ConcurrencyConflictError(streamId, context.expectedRevision, revision);
    }
    const { appending } = await decideOn(request, state, attemptIds(context));
    let result: AppendResult;
    try {
      result = await this.append(streamId, appending, revision, look?.head);
    } catch (error) {
      // the stream had moved on: whatever was kept of it is not what the next attempt should decide on
      if (error instanceof WrongExpectedRevisionError) this.folded.forget(streamId);
      throw error;
    }
    return {
      streamId,
      revision: result.nextRevision,
      position: result.position,
      eventIds: appending.map((event) => event.eventId),
    };
  }

  /** `headSeen`: the log's head as the command's look found it, which the money guard then need not read again. */
  private append(
    streamId: string,
    events: EventToAppend[],
    revision: number,
    headSeen?: number,
  ): Promise<AppendResult> {
    return appendThrough(
      this.appendStages,
      { streamId, events, expected: revision === -1 ? 'no_stream' : revision, headSeen },
      (step) => this.store.append(step.streamId, step.events, step.expected),
    );
  }

  /** A new, empty plan over the store as it is now. */
  plan(): CommandPlan {
    return new CommandPlan(this.store, this.watch);
  }

  /** Appends a plan, stream by stream through the append stage (plan-commit.ts says what a conflict leaves). */
  commit(
    plan: CommandPlan,
    onProgress?: (eventsAppended: number) => void,
  ): Promise<{ streams: number; events: number }> {
    return commitStreams(
      plan.pendingStreams,
      (streamId, events, revision) => this.append(streamId, events, revision),
      onProgress,
    );
  }
}
