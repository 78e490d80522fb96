import { DecideMiddleware } from '../command-pipeline';
import { toAppend } from '../event-metadata';

/**
 * Once the events are decided, the request's preface (the period lock) may refuse them, or answer events that go
 * into the same append just before them (a restatement). Its ids come after the decided events' ids.
 */
export const preface: DecideMiddleware = {
  name: 'preface',
  async decide(step, next) {
    const decision = await next(step);
    const { request, state, newId } = step;
    if (!request.preface) return decision;
    const decided = decision.appending.map(({ eventId, type }) => ({ eventId, type }));
    const before = toAppend(await request.preface(state, decided), request.context, newId);
    return { decided: decision.decided, appending: [...before, ...decision.appending] };
  },
};
