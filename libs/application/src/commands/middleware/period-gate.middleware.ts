import { PeriodGate } from '../../periods/period-gate';
import { RunMiddleware } from '../command-pipeline';

/**
 * A write the period lock judges holds the gate shared for its whole run (check and append), so that no close
 * comes in between: the period lock puts this in front of every request it locks (PeriodLock.locked).
 */
export function periodGate(gate: PeriodGate): RunMiddleware {
  return {
    name: 'period gate',
    run: (_request, next) => gate.shared(next),
  };
}
