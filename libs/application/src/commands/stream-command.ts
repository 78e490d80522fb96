import { Decider, DomainEvent } from '@benefit-ledger/domain';
import { CommandContext, WriteResult } from './command-context';

/** Wraps a whole command run (every attempt at it); see command-pipeline.ts. */
export interface RunMiddleware {
  /** What it adds, for reading a pipeline and for its errors. */
  readonly name: string;
  run<C, E extends DomainEvent, S>(
    request: StreamCommand<C, E, S>,
    next: () => Promise<WriteResult>,
  ): Promise<WriteResult>;
}

/** One command on one stream, as the runner (or a plan) takes it: the decider, the stream, and the command's hooks. */
export interface StreamCommand<C, E, S> {
  decider: Decider<C, E, S>;
  streamId: string;
  command: C;
  context: CommandContext;
  /** The access policy: a reason to refuse (403), or null. */
  refuse: (state: S) => string | null;
  /** Checks against other streams (e.g. referenced organisations exist); throws to refuse. */
  checkReferences?: (state: S) => Promise<void>;
  /**
   * Completes the command with facts read from other streams (e.g. a catalogue price), after access is checked,
   * so that the decider stays pure and someone refused learns nothing from the lookup.
   */
  resolve?: (state: S) => Promise<C>;
  /**
   * Checks against other streams once the events are decided (e.g. the period lock); throws to refuse, or
   * answers events to record in the same append just before the decided ones (a restatement).
   */
  preface?: (state: S, decided: { eventId: string; type: string }[]) => Promise<DomainEvent[]>;
  /** Middleware this request runs through outside the runner's own (e.g. the period gate); outermost first. */
  around?: readonly RunMiddleware[];
}
