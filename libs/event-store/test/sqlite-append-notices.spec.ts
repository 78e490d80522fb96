import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommittedAppend, EventToAppend, SqliteEventStore } from '../src';
import { plainEvent } from '@benefit-ledger/testing';

/**
 * The SQLite store tells its `onAppended` listeners of every group it commits, once durable and before any append
 * in it is answered: what each append wrote, or that it was answered as a replay. On a real SQLite file.
 */
const event = (n: number): EventToAppend => plainEvent('ThingHappened', { n });

describe('SqliteEventStore append notices', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-notices-'));
    store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells each group once, before its appends are answered, with what was written, replayed or left out as refused', async () => {
    const first = [event(0)];
    await store.append('a', first, 'no_stream');
    const groups: CommittedAppend[][] = [];
    const answeredBeforeNotice: number[] = [];
    let answered = 0;
    store.onAppended((appends) => {
      groups.push([...appends]);
      answeredBeforeNotice.push(answered);
    });
    const two = [event(1), event(2)];
    const outcomes = await Promise.allSettled(
      [
        store.append('b', two, 'no_stream'),
        store.append('a', [event(3)], 5), // refused: the stream is at revision 0
        store.append('a', first, 'no_stream'), // the first append again: a replay
      ].map((p) => p.then((r) => ((answered += 1), r))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(answeredBeforeNotice).toEqual([0]);
    // what was written comes with its stored text, the very rows a read gives; a replay with none
    const stored = (await store.readStream('b')).map((recorded) => recorded.storedJson);
    expect(groups).toEqual([
      [
        { streamId: 'b', events: two, position: 3, written: true, nextRevision: 1, stored },
        { streamId: 'a', events: first, position: 1, written: false, nextRevision: 0 },
      ],
    ]);
    expect(groups[0][1].stored).toBeUndefined();
    // the answers are the port's: a replay exactly as the first time
    expect((outcomes[2] as PromiseFulfilledResult<unknown>).value).toEqual({ nextRevision: 0, position: 1 });
  });

  it('stops telling a listener that stopped, and a listener that throws refuses no append', async () => {
    const told: number[] = [];
    const stop = store.onAppended((appends) => told.push(...appends.map((a) => a.position)));
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    store.onAppended(() => {
      throw new Error('listener broke');
    });
    await expect(store.append('s', [event(0)], 'any')).resolves.toEqual({ nextRevision: 0, position: 1 });
    stop();
    await store.append('s', [event(1)], 'any');
    expect(told).toEqual([1]);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(await store.readStream('s')).toHaveLength(2);
    warn.mockRestore();
  });
});
