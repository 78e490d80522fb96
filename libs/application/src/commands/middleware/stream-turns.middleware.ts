import { RunMiddleware } from '../command-pipeline';
import { StreamTurns } from '../stream-turns';

/** Commands on one stream take turns in this process, so that they do not make each other retry. */
export function streamTurns(turns = new StreamTurns()): RunMiddleware {
  return {
    name: 'stream turns',
    run: (request, next) => turns.take(request.streamId, next),
  };
}
