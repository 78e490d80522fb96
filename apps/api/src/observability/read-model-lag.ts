import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, SqliteEventStore } from '@benefit-ledger/event-store';
import { ReadModelStore } from '@benefit-ledger/projections';

/** How many events of the log the read models have not applied yet. */
@Injectable()
export class ReadModelLag {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
  ) {}

  /**
   * The events after the read models' checkpoint, counted up to `atMost` (beyond it the answer is `atMost`). In the
   * embedded log positions are consecutive, so it is a subtraction; EventStoreDB's are byte offsets, so they are counted.
   */
  async events(atMost = Number.MAX_SAFE_INTEGER): Promise<number> {
    const checkpoint = this.readModels.checkpoint();
    if (this.store instanceof SqliteEventStore)
      return Math.min(atMost, Math.max(0, this.store.headPositionNow() - checkpoint));
    let behind = 0;
    for await (const _event of this.store.readAll({ after: checkpoint, batchSize: 500 })) {
      if (++behind >= atMost) break;
    }
    return behind;
  }
}
