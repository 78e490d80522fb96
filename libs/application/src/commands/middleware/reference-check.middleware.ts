import { DecideMiddleware } from '../command-pipeline';

/** Checks against other streams (a referenced organisation exists), after access: throws to refuse. */
export const referenceCheck: DecideMiddleware = {
  name: 'reference check',
  async decide(step, next) {
    await step.request.checkReferences?.(step.state);
    return next(step);
  },
};
