import Database from 'better-sqlite3';
import { sqliteFile } from '@benefit-ledger/event-store';
import { EventRowValues, planBatchedAppends, planSingleAppends, rowsFor, tempLedger } from '../src';

/** The rows of the events table as the adapter wrote them, read with a connection of its own. */
function storedRows(file: string): EventRowValues[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        'SELECT event_id AS eventId, stream_id AS streamId, revision, type, data, metadata FROM events ORDER BY position',
      )
      .all() as EventRowValues[];
  } finally {
    db.close();
  }
}

describe('append workloads: the planned rows are the rows the SQLite adapter writes', () => {
  it.each([
    ['single appends round-robin over streams', () => planSingleAppends(40, 7)],
    ['batched appends, several per stream', () => planBatchedAppends(95, 10, 3)],
  ])('%s', async (_what, plan) => {
    const ledger = tempLedger();
    try {
      const appends = plan();
      for (const { streamId, events, expected } of appends) await ledger.store.append(streamId, events, expected);
      expect(storedRows(sqliteFile(ledger.dir))).toEqual(rowsFor(appends));
    } finally {
      await ledger.close();
    }
  });

  it('refuses nothing: every expected revision is the one the stream has', async () => {
    const ledger = tempLedger();
    try {
      const appends = planBatchedAppends(60, 7, 4);
      for (const { streamId, events, expected } of appends) await ledger.store.append(streamId, events, expected);
      expect(await ledger.store.headPosition()).toBe(60);
    } finally {
      await ledger.close();
    }
  });
});
