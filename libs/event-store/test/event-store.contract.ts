import { randomUUID } from 'node:crypto';
import { EventStore, EventToAppend, GENESIS_HASH, RecordedEvent, WrongExpectedRevisionError, verifyLog } from '../src';

/**
 * The contract every EventStore adapter passes. Stream ids are unique per run so the suite can
 * run against a long-lived server; global-log assertions look only at this run's streams.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const run = randomUUID().slice(0, 8);
    const stream = (label: string) => `contract-${run}-${label}`;
    const event = (type = 'ThingHappened', data: Record<string, unknown> = { n: 1 }): EventToAppend => ({
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        recordedAt: '2026-11-23T10:00:00.000Z',
        actor: { userId: 'u-1', organisationId: 'org-1', role: 'contributor' },
        correlationId: 'corr-1',
        causationId: 'cause-1',
        schemaVersion: 1,
      },
    });
    const readAllOf = async (streams: string[], after = 0) => {
      const seen: RecordedEvent[] = [];
      for await (const e of store.readAll({ after })) if (streams.includes(e.streamId)) seen.push(e);
      return seen;
    };

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('appends to a new stream and answers the revision and global position', async () => {
      const s = stream('new');
      const result = await store.append(s, [event(), event()], 'no_stream');
      expect(result.nextRevision).toBe(1);
      expect(result.position).toBeGreaterThan(0);
      const events = await store.readStream(s);
      expect(events.map((e) => e.revision)).toEqual([0, 1]);
      expect(events[1].position).toBe(result.position);
      expect(events[0].position).toBeLessThan(events[1].position);
    });

    it('reports the head position: the position of the last event appended', async () => {
      const last = await store.append(stream('head'), [event(), event()], 'no_stream');
      expect(await store.headPosition()).toBe(last.position);
    });

    it('reads a stream typed as the union of its events: the same events, narrowed by their type', async () => {
      type Noted = { type: 'Noted'; data: { text: string } } | { type: 'Counted'; data: { count: number } };
      const s = stream('typed');
      await store.append(s, [event('Noted', { text: 'first' }), event('Counted', { count: 2 })], 'no_stream');
      const typed = await store.readStreamOf<Noted>(s);
      expect(typed).toEqual(await store.readStream(s));
      // narrowing on the type narrows the data: no cast at the reader
      const said = typed.map((e) => (e.type === 'Noted' ? e.data.text : String(e.data.count)));
      expect(said).toEqual(['first', '2']);
      expect(await store.readStreamOf<Noted>(stream('typed-missing'))).toEqual([]);
    });

    it('returns an empty list for a stream that does not exist', async () => {
      expect(await store.readStream(stream('missing'))).toEqual([]);
    });

    it('round-trips type, data and metadata exactly', async () => {
      const s = stream('roundtrip');
      const e = event('BenefitClaimed', {
        valuePence: 123456,
        nested: { list: [1, 'two', null, true] },
        text: 'Leeds £ – é',
      });
      await store.append(s, [e], 'no_stream');
      const [read] = await store.readStream(s);
      expect(read.eventId).toBe(e.eventId);
      expect(read.streamId).toBe(s);
      expect(read.type).toBe('BenefitClaimed');
      expect(read.data).toEqual(e.data);
      expect(read.metadata).toMatchObject({ ...e.metadata, eventId: e.eventId });
    });

    it('chains hashes within a stream', async () => {
      const s = stream('chain');
      await store.append(s, [event()], 'no_stream');
      await store.append(s, [event(), event()], 0);
      const events = await store.readStream(s);
      expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
      expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);
      expect(events[2].metadata.prevHash).toBe(events[1].metadata.hash);
      expect(new Set(events.map((e) => e.metadata.hash)).size).toBe(3);
      expect(events[0].metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses no_stream on an existing stream with a typed error', async () => {
      const s = stream('exists');
      await store.append(s, [event()], 'no_stream');
      const error = await store.append(s, [event()], 'no_stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).actual).toBe(0);
      expect(await store.readStream(s)).toHaveLength(1);
    });

    it('refuses a stale exact revision and appends nothing', async () => {
      const s = stream('stale');
      await store.append(s, [event(), event()], 'no_stream');
      const error = await store.append(s, [event(), event()], 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).actual).toBe(1);
      expect(await store.readStream(s)).toHaveLength(2);
      await expect(store.append(s, [event()], 1)).resolves.toMatchObject({ nextRevision: 2 });
    });

    it('refuses stream_exists on a missing stream and accepts any anywhere', async () => {
      const s = stream('any');
      await expect(store.append(s, [event()], 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(s, [event()], 'any')).resolves.toMatchObject({ nextRevision: 0 });
      await expect(store.append(s, [event()], 'stream_exists')).resolves.toMatchObject({ nextRevision: 1 });
      await expect(store.append(s, [event()], 'any')).resolves.toMatchObject({ nextRevision: 2 });
    });

    it('is idempotent by event id: the same append twice stores it once', async () => {
      const s = stream('idem');
      const batch = [event(), event()];
      const first = await store.append(s, batch, 'no_stream');
      const second = await store.append(s, batch, 'no_stream');
      expect(second).toEqual(first);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('lets exactly one of two racing appends at the same revision win', async () => {
      const s = stream('race');
      await store.append(s, [event()], 'no_stream');
      const results = await Promise.allSettled([store.append(s, [event()], 0), store.append(s, [event()], 0)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('reads a stream from a revision on', async () => {
      const s = stream('from');
      await store.append(s, [event('R0'), event('R1'), event('R2')], 'no_stream');
      expect((await store.readStreamFrom(s, 1)).map((e) => [e.type, e.revision])).toEqual([
        ['R1', 1],
        ['R2', 2],
      ]);
      expect(await store.readStreamFrom(s, 3)).toEqual([]);
      expect(await store.readStreamFrom(stream('from-missing'), 0)).toEqual([]);
    });

    it('checks appends made together each on its own: a conflict refuses only its own, the rest land in order', async () => {
      const streams = Array.from({ length: 12 }, (_, i) => stream(`together-${i}`));
      const conflicted = stream('together-conflict');
      await store.append(conflicted, [event()], 'no_stream');
      const results = await Promise.allSettled([
        ...streams.map((s) => store.append(s, [event('T0'), event('T1')], 'no_stream')),
        store.append(conflicted, [event('Late')], 'no_stream'),
        store.append(streams[0], [event('T2')], 1), // sees the append to the same stream just before it
      ]);
      expect(results.map((r) => r.status)).toEqual([...streams.map(() => 'fulfilled'), 'rejected', 'fulfilled']);
      expect((results[streams.length] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(conflicted)).toHaveLength(1);
      expect((await store.readStream(streams[0])).map((e) => e.type)).toEqual(['T0', 'T1', 'T2']);
      const positions = (
        results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ position: number }>[]
      ).map((r) => r.value.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    });

    it('reads the global log in order across streams, from a position', async () => {
      const a = stream('log-a');
      const b = stream('log-b');
      await store.append(a, [event('A0')], 'no_stream');
      const mid = await store.append(b, [event('B0')], 'no_stream');
      await store.append(a, [event('A1')], 0);
      const all = await readAllOf([a, b]);
      expect(all.map((e) => e.type)).toEqual(['A0', 'B0', 'A1']);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      const after = await readAllOf([a, b], mid.position);
      expect(after.map((e) => e.type)).toEqual(['A1']);
    });

    it('reads the global log leaving out the types asked to be excluded', async () => {
      const a = stream('exclude');
      const marker = await store.append(stream('exclude-marker'), [event('Marker')], 'no_stream');
      await store.append(a, [event('Kept'), event('Dropped'), event('Kept')], 'no_stream');
      const seen: RecordedEvent[] = [];
      for await (const e of store.readAll({ after: marker.position, excludeTypes: ['Dropped'] }))
        if (e.streamId === a) seen.push(e);
      expect(seen.map((e) => [e.type, e.revision])).toEqual([
        ['Kept', 0],
        ['Kept', 2],
      ]);
    });

    it('subscribes: catches up, then delivers live appends in order, and stops', async () => {
      const s = stream('sub');
      // positions are opaque (byte offsets on EventStoreDB): start after a real event's position
      const marker = await store.append(stream('sub-marker'), [event('Marker')], 'no_stream');
      await store.append(s, [event('S0')], 'no_stream');
      const seen: string[] = [];
      let resolveDone!: () => void;
      const done = new Promise<void>((r) => (resolveDone = r));
      const subscription = store.subscribeToAll({ after: marker.position }, (e) => {
        if (e.streamId !== s) return;
        seen.push(e.type);
        if (seen.length === 3) resolveDone();
      });
      await store.append(s, [event('S1')], 0);
      await store.append(s, [event('S2')], 1);
      await done;
      await subscription.stop();
      expect(seen).toEqual(['S0', 'S1', 'S2']);
    });

    it('subscribes with stream prefixes: delivers only those streams, in order, catch-up and live', async () => {
      const wanted = stream('pfx-wanted');
      const other = stream('pfx-other');
      const marker = await store.append(stream('pfx-marker'), [event('Marker')], 'no_stream');
      await store.append(wanted, [event('W0')], 'no_stream');
      await store.append(other, [event('O0')], 'no_stream');
      const seen: string[] = [];
      let resolveDone!: () => void;
      const done = new Promise<void>((r) => (resolveDone = r));
      const subscription = store.subscribeToAll(
        { after: marker.position, streamPrefixes: [wanted, stream('pfx-absent')] },
        (e) => {
          seen.push(`${e.streamId === wanted ? 'wanted' : e.streamId}:${e.type}`);
          if (e.type === 'W2') resolveDone();
        },
      );
      await store.append(other, [event('O1')], 0);
      await store.append(wanted, [event('W1')], 0);
      await store.append(wanted, [event('W2')], 1);
      await done;
      await subscription.stop();
      expect(seen).toEqual(['wanted:W0', 'wanted:W1', 'wanted:W2']);
    });

    it('verifies the chains it wrote', async () => {
      const report = await verifyLog(store);
      expect(report.ok).toBe(true);
      expect(report.events).toBeGreaterThanOrEqual(15);
    });
  });
}
