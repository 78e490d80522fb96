import { ForbiddenError } from '../../application-errors';
import { DecideMiddleware } from '../command-pipeline';

/** The access policy on the stream as folded: a refusal is a 403, before anything else is read or decided. */
export const accessCheck: DecideMiddleware = {
  name: 'access check',
  decide(step, next) {
    const refusal = step.request.refuse(step.state);
    if (refusal) throw new ForbiddenError(refusal);
    return next(step);
  },
};
