import { DecideMiddleware } from '../command-pipeline';

/** Completes the command with facts from other streams (a catalogue price), so that the decider stays pure. */
export const commandResolution: DecideMiddleware = {
  name: 'command resolution',
  async decide(step, next) {
    const { request, state } = step;
    if (!request.resolve) return next(step);
    return next({ ...step, request: { ...request, command: await request.resolve(state) } });
  },
};
