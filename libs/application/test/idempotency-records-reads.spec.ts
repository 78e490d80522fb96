import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor } from '@benefit-ledger/domain';
import { SqliteEventStore } from '@benefit-ledger/event-store';
import { deterministicIds } from '../src/idempotency/idempotency-key';
import { IdempotencyRecords, RecordedResponse } from '../src/idempotency/idempotency-records';

/**
 * Recording an answer reads its key's stream back only when the append was answered as a replay (a twin recorded
 * first under the same key-derived event id): then whose answer was kept decides. Real SQLite store; `readStream` is
 * only watched (jest.spyOn calls through).
 */
describe('IdempotencyRecords reads back only after a replayed append', () => {
  let dir: string;
  let store: SqliteEventStore;
  let records: IdempotencyRecords;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-idempotency-reads-'));
    store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    records = new IdempotencyRecords(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ann: Actor = { userId: 'ann', organisationId: 'acute-a', role: 'contributor' };
  const answer = (requestHash: string, costId: string): RecordedResponse => ({
    requestHash,
    method: 'POST',
    path: '/interventions/int-1/costs',
    statusCode: 201,
    body: { costId },
  });
  const context = { now: new Date('2024-06-01T09:00:00Z'), correlationId: 'c', causationId: 'c' };
  const record = (key: string, response: RecordedResponse) =>
    records.record(ann, key, response, { ...context, eventId: deterministicIds(ann, key).responseEventId });

  it('given a new key, when its answer is recorded, then nothing is read back and the answer is replayed afterwards', async () => {
    const reads = jest.spyOn(store, 'readStream');
    await expect(record('k-new', answer('h1', 'c-1'))).resolves.toEqual({ kind: 'new' });
    expect(reads).not.toHaveBeenCalled();
    await expect(records.lookup(ann, 'k-new', 'h1')).resolves.toEqual({
      kind: 'replay',
      statusCode: 201,
      body: { costId: 'c-1' },
    });
  });

  it('given twins with one key and different bodies committed together, then the first keeps the key and the second is refused as reused', async () => {
    const [first, second] = await Promise.all([
      record('k-twin', answer('h1', 'c-1')),
      record('k-twin', answer('h2', 'c-2')),
    ]);
    expect(first).toEqual({ kind: 'new' });
    expect(second).toEqual({ kind: 'reused', first: { method: 'POST', path: '/interventions/int-1/costs' } });
    await expect(records.lookup(ann, 'k-twin', 'h1')).resolves.toMatchObject({
      kind: 'replay',
      body: { costId: 'c-1' },
    });
  });

  it('given twins with one key and the same body committed together, then both are the same command and one answer is kept', async () => {
    const reads = jest.spyOn(store, 'readStream');
    const outcomes = await Promise.all([record('k-same', answer('h1', 'c-1')), record('k-same', answer('h1', 'c-1'))]);
    expect(outcomes).toEqual([{ kind: 'new' }, { kind: 'new' }]);
    expect(reads).toHaveBeenCalled(); // the replayed one looked whose answer was kept
    const before = await store.headPosition();
    await expect(record('k-same', answer('h1', 'c-1'))).resolves.toEqual({ kind: 'new' });
    expect(await store.headPosition()).toBe(before); // a replay appends nothing
  });
});
