import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Projector } from '@benefit-ledger/projections';
import { ReadModelLag } from '../observability/read-model-lag';

/** Read models caught up: projecting, and at most READY_MAX_LAG_EVENTS events behind the log. */
@Injectable()
export class ReadModelsHealth {
  constructor(
    private readonly projector: Projector,
    private readonly lag: ReadModelLag,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(maxLagEvents: number) {
    const indicator = this.indicators.check('readModels');
    try {
      // position 0 is always reached, so this answers at once, and throws only when projecting has stopped on an error
      await this.projector.reached(0);
      const lagEvents = await this.lag.events(maxLagEvents + 1);
      if (lagEvents <= maxLagEvents) return indicator.up({ lagEvents, maxLagEvents });
      return indicator.down({
        message: `the read models are more than ${maxLagEvents} events behind the log (READY_MAX_LAG_EVENTS)`,
        lagEvents,
        maxLagEvents,
      });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
