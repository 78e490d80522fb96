import { Provider } from '@nestjs/common';
import { ClosePeriodHandler } from './close-period.handler';
import { GetPeriodHandler } from './get-period.handler';
import { PeriodDirectory } from './period-directory';
import { PeriodGate } from './period-gate';
import { PeriodLock } from './period-lock';

/** Year close, the period lock and its gate; registered by ApplicationModule. */
export const periodProviders: Provider[] = [
  PeriodGate,
  PeriodDirectory,
  PeriodLock,
  ClosePeriodHandler,
  GetPeriodHandler,
];
