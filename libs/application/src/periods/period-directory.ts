import { Inject, Injectable } from '@nestjs/common';
import {
  ClosedPeriod,
  FinancialYear,
  PeriodEvent,
  PeriodState,
  fold,
  periodDecider,
  periodStreamId,
} from '@benefit-ledger/domain';
import { ActorMetadata, EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { VouchedStreamReads } from '../commands/vouched-stream-reads';

/** A year's period stream, folded, with each close as the period lock and the reports name it. */
export interface PeriodRecord {
  state: PeriodState;
  revision: number;
  closes: (ClosedPeriod & {
    eventId: string;
    closedBy: ActorMetadata;
    note: string | null;
    algorithm: string;
    streamCount: number;
  })[];
}

/** Reads period streams (`period-2019-20`) from the log: the authority the period lock judges by. */
@Injectable()
export class PeriodDirectory {
  /** The period lock's reads, per command: answered without a read while nothing else wrote (vouched-stream-reads.ts). */
  private readonly forCommands: VouchedStreamReads<PeriodRecord>;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.forCommands = new VouchedStreamReads(store);
  }

  async read(financialYear: FinancialYear): Promise<PeriodRecord> {
    const events = await this.store.readStreamOf<PeriodEvent>(periodStreamId(financialYear));
    // a period stream holds closes only (PeriodEvent): each is one
    const closes = events.map((event) => {
      const { financialYear: year, scope, note, closedAt, seal } = event.data;
      return {
        financialYear: year,
        scope,
        closedAt,
        position: event.position,
        sealPosition: seal.position,
        root: seal.root,
        streamCount: seal.streamCount,
        algorithm: seal.algorithm,
        note,
        eventId: event.eventId,
        closedBy: event.metadata.actor,
      };
    });
    return { state: fold(periodDecider, events), revision: events.length - 1, closes };
  }

  /** The closes of these years, for a command (the period lock): possibly as kept since an earlier command. */
  async closes(years: readonly FinancialYear[]): Promise<ClosedPeriod[]> {
    const records = await Promise.all(
      years.map((year) => this.forCommands.answer(periodStreamId(year), () => this.read(year))),
    );
    return records.flatMap((r) =>
      r.closes.map(({ financialYear, scope, closedAt, position, sealPosition, root }) => ({
        financialYear,
        scope,
        closedAt,
        position,
        sealPosition,
        root,
      })),
    );
  }
}
