import { Inject, Injectable } from '@nestjs/common';
import { PeriodClosed, STREAM_PREFIXES, describeScope } from '@benefit-ledger/domain';
import {
  EVENT_STORE,
  EventStore,
  LogVerifier,
  RecordedEvent,
  Seal,
  SqliteEventStore,
  VerifyOptions,
  asStreamEvent,
} from '@benefit-ledger/event-store';

/** The seal a PeriodClosed event carries, with words for reports ("2019/20 closed for the whole system"). */
export function periodSealOf(event: RecordedEvent): { seal: Seal; label: string } | null {
  if (event.type !== 'PeriodClosed' || !event.streamId.startsWith(STREAM_PREFIXES.period)) return null;
  const { financialYear, scope, seal } = asStreamEvent<PeriodClosed>(event).data;
  return { seal: seal as Seal, label: `${financialYear} closed for ${describeScope(scope)}` };
}

/**
 * How this deployment's log is verified: every hash chain, every seal (PeriodClosed), and on the embedded
 * SQLite store, which numbers positions without gaps, deleted events by the positions they leave missing.
 */
@Injectable()
export class LogVerification {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  verifier(onProgress?: (eventsChecked: number) => void): LogVerifier {
    const sqlite = this.store instanceof SqliteEventStore ? this.store : null;
    const options: VerifyOptions = {
      onProgress,
      sealOf: periodSealOf,
      contiguousPositions: sqlite !== null,
      highestIssuedPosition: sqlite ? () => sqlite.highestIssuedPosition() : undefined,
    };
    return new LogVerifier(this.store, options);
  }
}
