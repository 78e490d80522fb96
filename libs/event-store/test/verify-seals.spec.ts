import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventToAppend,
  LogVerifier,
  RecordedEvent,
  Seal,
  SqliteEventStore,
  VerifyOptions,
  sealOf,
  verifyLog,
} from '../src';
import { Tamper } from './support/tamper';

/**
 * verify over a real SQLite file: seals catch what hash chains alone cannot (a stream rewritten with a
 * consistent chain, truncated or removed), and name the stream; deleted events also leave missing positions.
 */
describe('verifying seals and positions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-seals-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const event = (type: string, data: Record<string, unknown>): EventToAppend => ({
    eventId: randomUUID(),
    type,
    data,
    metadata: {
      recordedAt: '2020-05-01T10:00:00.000Z',
      actor: { userId: 'u', organisationId: 'o', role: 'admin' },
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
    },
  });
  const sealOfTest = (e: RecordedEvent) => (e.type === 'Sealed' ? { seal: e.data.seal as Seal, label: 'test' } : null);
  const options = (store: SqliteEventStore): VerifyOptions => ({
    sealOf: sealOfTest,
    contiguousPositions: true,
    highestIssuedPosition: () => store.highestIssuedPosition(),
  });

  /** a-stream (3 events), b-stream (2), then a seal over both, then more of a-stream after it. */
  let sealed: Seal;
  const original = join(dir, 'original.sqlite');
  beforeAll(async () => {
    const store = new SqliteEventStore(original);
    await store.append('a-stream', [event('A', { n: 1 }), event('A', { n: 2 })], 'no_stream');
    await store.append('b-stream', [event('B', { n: 1 }), event('B', { n: 2 })], 'no_stream');
    await store.append('a-stream', [event('A', { n: 3 })], 1);
    const verifier = new LogVerifier(store);
    await verifier.run();
    sealed = verifier.heads.seal();
    await store.append('seal-stream', [event('Sealed', { seal: sealed })], 'no_stream');
    await store.append('a-stream', [event('A', { n: 4 })], 2);
    await store.close();
  });

  /** A copy of the original file to tamper with, verified with seals and positions. */
  const tampered = async (tamper: (t: Tamper) => void) => {
    const file = join(dir, `${randomUUID()}.sqlite`);
    copyFileSync(original, file);
    const t = new Tamper(file);
    tamper(t);
    t.close();
    const store = new SqliteEventStore(file);
    try {
      return await verifyLog(store, options(store));
    } finally {
      await store.close();
    }
  };

  it('verifies the untouched log, its seal included', async () => {
    const report = await tampered(() => undefined);
    expect(report).toMatchObject({ ok: true, events: 7, streams: 3, missingPositions: [] });
    expect(report.seals).toEqual([
      {
        label: 'test',
        streamId: 'seal-stream',
        revision: 0,
        position: 6,
        eventId: expect.any(String),
        sealedPosition: 5,
        root: sealed.root,
        streamCount: 2,
      },
    ]);
  });

  it('names a stream rewritten with a consistent chain before the seal, at its sealed head', async () => {
    const report = await tampered((t) => t.rewriteStream('b-stream', (data) => ({ ...data, n: 99 })));
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({
      streamId: 'b-stream',
      revision: 1,
      position: 4,
      type: 'B',
      reason: expect.stringContaining('rewritten with a consistent chain'),
      seal: { streamId: 'seal-stream', position: 6, sealedPosition: 5 },
    });
  });

  it('names a sealed stream truncated, by its first missing revision, and reports the positions its events left', async () => {
    const report = await tampered((t) => t.delete(t.row("stream_id = 'b-stream' AND revision = 1").position));
    expect(report.firstBroken).toMatchObject({
      streamId: 'b-stream',
      revision: 1,
      position: null,
      reason: expect.stringContaining('revisions 1–1 were truncated'),
    });
    expect(report.missingPositions).toEqual([{ from: 4, to: 4 }]);
  });

  it('names a sealed stream removed altogether', async () => {
    const report = await tampered((t) => t.db.prepare("DELETE FROM events WHERE stream_id = 'b-stream'").run());
    expect(report.firstBroken).toMatchObject({
      streamId: 'b-stream',
      revision: 0,
      position: null,
      reason: expect.stringContaining('the stream was removed'),
    });
  });

  it('names a stream present before the seal that the seal does not list, and a seal whose root does not match its heads', async () => {
    const withoutB = { ...sealed, heads: sealed.heads.filter((h) => h.streamId !== 'b-stream') };
    const fix = (seal: Seal) => (t: Tamper) => t.rewriteStream('seal-stream', () => ({ seal }));
    const omitted = await tampered(fix({ ...withoutB, streamCount: 1, root: sealOf(withoutB.heads, 5).root }));
    expect(omitted.firstBroken).toMatchObject({
      streamId: 'b-stream',
      revision: 0,
      position: 3,
      reason: expect.stringContaining('inserted into the sealed past'),
    });
    const wrongRoot = await tampered(fix({ ...sealed, root: 'f'.repeat(64) }));
    expect(wrongRoot.firstBroken).toMatchObject({
      streamId: 'seal-stream',
      revision: 0,
      position: 6,
      reason: expect.stringContaining('is not the Merkle root of the 2 heads it lists'),
    });
  });

  it('names missing positions when events after the last seal are deleted, even at the end of the log', async () => {
    const tail = await tampered((t) => t.delete(7));
    expect(tail.ok).toBe(false);
    expect(tail.missingPositions).toEqual([{ from: 7, to: 7 }]);
    expect(tail.firstBroken).toMatchObject({
      streamId: null,
      position: 7,
      reason: expect.stringContaining('global position 7 is missing'),
    });
  });

  it('does not take an append racing the verification for a deleted tail', async () => {
    const file = join(dir, 'racing.sqlite');
    copyFileSync(original, file);
    const store = new SqliteEventStore(file);
    const racing: VerifyOptions = {
      ...options(store),
      // another writer appends just as the verifier asks for the highest position issued
      highestIssuedPosition: async () => {
        await store.append('c-stream', [event('C', { n: 1 })], 'no_stream');
        return store.highestIssuedPosition();
      },
    };
    const report = await verifyLog(store, racing);
    expect(report).toMatchObject({ ok: true, missingPositions: [] });
    await store.close();
  });

  it('resumes: a second run verifies only what was appended since', async () => {
    const file = join(dir, 'resume.sqlite');
    copyFileSync(original, file);
    const store = new SqliteEventStore(file);
    const verifier = new LogVerifier(store, options(store));
    expect((await verifier.run()).events).toBe(7);
    await store.append('b-stream', [event('B', { n: 3 })], 1);
    expect(await verifier.run()).toMatchObject({ ok: true, events: 8, streams: 3 });
    expect(verifier.heads.get('b-stream')).toMatchObject({ revision: 2 });
    await store.close();
  });
});
