import { DomainEvent } from '@benefit-ledger/domain';
import { Decision, DecideMiddleware, decideThrough } from './command-pipeline';
import { toAppend } from './event-metadata';
import { accessCheck } from './middleware/access-check.middleware';
import { commandResolution } from './middleware/command-resolution.middleware';
import { preface } from './middleware/preface.middleware';
import { referenceCheck } from './middleware/reference-check.middleware';
import { StreamCommand } from './stream-command';

/** The decide stage, the same for a write and for a plan: authorise, check references, complete, decide, preface. */
export const DECIDE_STAGES: readonly DecideMiddleware[] = [preface, accessCheck, referenceCheck, commandResolution];

/**
 * The events one command appends: its preface (if any), then the events decided, with their ids and metadata.
 * Ids come from `newId`: the decided events' first, then the preface's.
 */
export function decideOn<C, E extends DomainEvent, S>(
  request: StreamCommand<C, E, S>,
  state: S,
  newId: () => string,
): Promise<Decision<E>> {
  // the decider is pure and synchronous; the stages around it may read other streams
  return decideThrough(DECIDE_STAGES, { request, state, newId }, (step) => {
    const decided = step.request.decider.decide(step.request.command, step.state);
    return Promise.resolve({ decided, appending: toAppend(decided, step.request.context, step.newId) });
  });
}
