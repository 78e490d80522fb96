import { DomainEvent } from '@benefit-ledger/domain';
import { AppendResult, EventToAppend, ExpectedRevision } from '@benefit-ledger/event-store';
import { WriteResult } from './command-context';
import { RunMiddleware, StreamCommand } from './stream-command';

/*
 * A command is written by a short core (read -> fold -> decide -> append, stream-command-runner.ts) and what
 * surrounds it is middleware, one file each under middleware/, at one of three stages:
 *   run:    around the whole command, every attempt (period gate, stream turns, conflict retry, idempotent replay)
 *   decide: around deciding on the folded state (access check, reference check, command resolution, preface)
 *   append: around the append (the ledger money guard)
 * Each calls `next` to go on, or throws to refuse; a refusal before `append` appends nothing.
 */

export type { RunMiddleware } from './stream-command';

/** What the decide stage answers: the domain events decided, and every event to append (preface first). */
export interface Decision<E> {
  decided: E[];
  appending: EventToAppend[];
}

/** Deciding one command on the stream as folded, with the ids the attempt gives its events. */
export interface DecideStep<C, E, S> {
  request: StreamCommand<C, E, S>;
  state: S;
  newId: () => string;
}

export interface DecideMiddleware {
  readonly name: string;
  decide<C, E extends DomainEvent, S>(
    step: DecideStep<C, E, S>,
    next: (step: DecideStep<C, E, S>) => Promise<Decision<E>>,
  ): Promise<Decision<E>>;
}

/** One append: the events of one stream at the revision read. */
export interface AppendStep {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
  /** The log's head as the command looked at it just before deciding (LogWatch.look); absent for a plan's append. */
  headSeen?: number;
}

export interface AppendMiddleware {
  readonly name: string;
  append(step: AppendStep, next: (step: AppendStep) => Promise<AppendResult>): Promise<AppendResult>;
}

/** Runs `core` inside `stages`, the first outermost. */
export function runThrough<C, E extends DomainEvent, S>(
  stages: readonly RunMiddleware[],
  request: StreamCommand<C, E, S>,
  core: () => Promise<WriteResult>,
): Promise<WriteResult> {
  const at = (index: number): Promise<WriteResult> =>
    index === stages.length ? core() : stages[index].run(request, () => at(index + 1));
  return at(0);
}

/** Decides `step` inside `stages`, the first outermost. */
export function decideThrough<C, E extends DomainEvent, S>(
  stages: readonly DecideMiddleware[],
  step: DecideStep<C, E, S>,
  core: (step: DecideStep<C, E, S>) => Promise<Decision<E>>,
): Promise<Decision<E>> {
  const at = (index: number, current: DecideStep<C, E, S>): Promise<Decision<E>> =>
    index === stages.length ? core(current) : stages[index].decide(current, (later) => at(index + 1, later));
  return at(0, step);
}

/** Appends `step` inside `stages`, the first outermost. */
export function appendThrough(
  stages: readonly AppendMiddleware[],
  step: AppendStep,
  core: (step: AppendStep) => Promise<AppendResult>,
): Promise<AppendResult> {
  const at = (index: number, current: AppendStep): Promise<AppendResult> =>
    index === stages.length ? core(current) : stages[index].append(current, (later) => at(index + 1, later));
  return at(0, step);
}
