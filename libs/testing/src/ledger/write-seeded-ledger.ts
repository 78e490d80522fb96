import { EventStore } from '@benefit-ledger/event-store';
import { LedgerMonth, SeededLedger, SeededLedgerOptions } from './seeded-ledger';

/** What a seeded ledger wrote. */
export interface SeededLedgerStats {
  seed: string;
  batchMonths: number;
  events: number;
  appends: number;
  streams: number;
  organisations: number;
  interventions: number;
  partnerships: number;
  byType: Record<string, number>;
  /** Sum of every BenefitValidated.validatedValuePence: the all-years validated total /system/flows must show. */
  validatedPence: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
}

export interface WriteProgress {
  /** Called once, before the first append. */
  planned?(ledger: SeededLedger): void;
  /** Called after each month's appends, with the totals so far. */
  monthWritten?(month: LedgerMonth, totals: { events: number; appends: number }): void;
}

/**
 * Writes a seeded ledger into `store` through its append port (so every event gets its real hash chain and
 * stored metadata), one append per stream per batch of months, and returns what it wrote.
 */
export async function writeSeededLedger(
  store: EventStore,
  options: SeededLedgerOptions,
  progress: WriteProgress = {},
): Promise<SeededLedgerStats> {
  const ledger = new SeededLedger(options);
  progress.planned?.(ledger);
  const stats: SeededLedgerStats = {
    seed: options.seed,
    batchMonths: options.batchMonths,
    events: 0,
    appends: 0,
    streams: 0,
    organisations: ledger.world.organisations.length,
    interventions: ledger.interventions,
    partnerships: ledger.world.partnerships.length,
    byType: {},
    validatedPence: 0,
    firstRecordedAt: '',
    lastRecordedAt: '',
  };
  const streamIds = new Set<string>();
  for (const month of ledger.months()) {
    for (const { streamId, expected, events } of month.appends) {
      for (const event of events) {
        stats.byType[event.type] = (stats.byType[event.type] ?? 0) + 1;
        if (event.type === 'BenefitValidated')
          stats.validatedPence += (event.data as { validatedValuePence: number }).validatedValuePence;
      }
      await store.append(streamId, events, expected);
      stats.appends += 1;
      stats.events += events.length;
      streamIds.add(streamId);
      if (!stats.firstRecordedAt) stats.firstRecordedAt = events[0].metadata.recordedAt;
      stats.lastRecordedAt = events[events.length - 1].metadata.recordedAt;
    }
    progress.monthWritten?.(month, { events: stats.events, appends: stats.appends });
  }
  if (stats.events !== ledger.plannedEvents)
    throw new Error(`generator bug: planned ${ledger.plannedEvents} events, wrote ${stats.events}`);
  stats.streams = streamIds.size;
  return stats;
}
