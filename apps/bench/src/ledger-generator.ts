/**
 * The read-model benchmark's ledger: the shared seeded ledger (@benefit-ledger/testing) written into a fresh
 * SQLite event store THROUGH THE STORE PORT (SqliteEventStore.append), so every event has its real hash chain
 * and appender metadata. This file only times it and reports progress; what is generated lives in the library.
 */
import { SqliteEventStore } from '@benefit-ledger/event-store';
import { SeededLedgerOptions, SeededLedgerStats, writeSeededLedger } from '@benefit-ledger/testing';
import { Progress } from './progress';

export interface LedgerStats extends SeededLedgerStats {
  seconds: number;
}

/** Writes the seeded ledger into `file`, month by month, one append per stream per batch of months. */
export async function generateLedger(
  file: string,
  options: SeededLedgerOptions,
  progress: Progress,
): Promise<LedgerStats> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const store = new SqliteEventStore(file);
  try {
    const stats = await writeSeededLedger(store, options, {
      planned: (ledger) =>
        progress(
          `ledger: ${ledger.plannedEvents} events planned (${ledger.world.organisations.length} organisations, ${ledger.interventions} interventions, ${ledger.world.partnerships.length} partnerships), appending through the port`,
        ),
      monthWritten: ({ month, label }, totals) => {
        if (month % 6 === 5)
          progress(
            `ledger: ${label} done, ${totals.events} events in ${totals.appends} appends, ${elapsed().toFixed(0)} s`,
          );
      },
    });
    return { ...stats, seconds: elapsed() };
  } finally {
    await store.close();
  }
}
