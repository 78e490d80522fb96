import { DomainEvent, fold } from '@benefit-ledger/domain';
import { EventStore, EventToAppend } from '@benefit-ledger/event-store';
import { decideOn } from './decide-stage';
import { LogWatch } from './log-watch';
import { StreamCommand } from './stream-command';

interface PlannedStream {
  /** The revision read, at which the planned events will be appended. */
  revision: number;
  state: unknown;
  events: EventToAppend[];
}

/** A stream's events a plan holds to append, at the revision it read. */
export interface PendingStream {
  streamId: string;
  revision: number;
  events: EventToAppend[];
}

/**
 * Many commands decided in order without appending anything: each sees the streams as they were read plus
 * what the commands before it decided. Nothing is written until `StreamCommandRunner.commit`.
 */
export class CommandPlan {
  private readonly streams = new Map<string, PlannedStream>();
  private readonly stored = new Map<string, readonly DomainEvent[]>();

  /** `watch`: looked at before each command, so that the directories its checks consult answer as of then. */
  constructor(
    private readonly store: EventStore,
    private readonly watch: LogWatch | null = null,
  ) {}

  /** Decides one more command in memory; throws its refusal (ForbiddenError, DomainError), planning nothing for it. */
  async add<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<E[]> {
    await this.watch?.look();
    const stream = await this.stream(request);
    const { decided, appending } = await decideOn(request, stream.state as S, request.context.newId);
    stream.state = fold({ ...request.decider, initialState: stream.state as S }, decided);
    stream.events.push(...appending);
    return decided;
  }

  /** Whether the actor may send this command, on the stream as planned so far: the refusal, or null. */
  async refusal<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<string | null> {
    return request.refuse((await this.stream(request)).state as S);
  }

  /** A stream's events as stored when the plan first read it (read once, then kept): what the plan decides on. */
  async history(streamId: string): Promise<readonly DomainEvent[]> {
    let history = this.stored.get(streamId);
    if (!history) {
      history = await this.store.readStream(streamId);
      this.stored.set(streamId, history);
    }
    return history;
  }

  get pendingStreams(): PendingStream[] {
    return [...this.streams]
      .filter(([, stream]) => stream.events.length > 0)
      .map(([streamId, stream]) => ({ streamId, revision: stream.revision, events: stream.events }));
  }

  /** How many events the plan holds to append. */
  get pendingEvents(): number {
    return this.pendingStreams.reduce((sum, stream) => sum + stream.events.length, 0);
  }

  private async stream<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<PlannedStream> {
    const found = this.streams.get(request.streamId);
    if (found) return found;
    const history = await this.history(request.streamId);
    const planned: PlannedStream = {
      revision: history.length - 1,
      state: fold(request.decider, history as unknown as E[]),
      events: [],
    };
    this.streams.set(request.streamId, planned);
    return planned;
  }
}
