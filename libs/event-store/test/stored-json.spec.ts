import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import {
  EventToAppend,
  GENESIS_HASH,
  SQLITE_SCHEMA,
  STORED_JSON_FORM,
  STORED_METADATA_LEAVES,
  SqliteEventRow,
  SqliteEventStore,
  StoredMetadata,
  VerifyOptions,
  canonicalJson,
  eventHash,
  hashInputOf,
  isCanonicalJson,
  verifyLog,
} from '../src';
import { Tamper } from './support/tamper';

/**
 * The embedded store keeps each event's data and metadata as their RFC 8785 canonical JSON, the bytes the hash covers,
 * and verify names any event whose stored text is anything else, even when what JSON.parse reads from it still
 * matches the hash (a key written twice, keys reordered, whitespace, an escaped key). Real SQLite files, altered with
 * raw better-sqlite3.
 */
describe('stored JSON is the canonical form the hash covers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-stored-json-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const metadata = {
    recordedAt: '2020-05-01T10:00:00.000Z',
    actor: { userId: 'lead@trust', organisationId: 'trust', role: 'contributor' },
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
  };
  const event = (type: string, data: Record<string, unknown>): EventToAppend => ({
    eventId: randomUUID(),
    type,
    data,
    metadata,
  });
  // keys deliberately not in sorted order, as a decider writes them
  const cost = (costId: string, amountPence: number) =>
    event('CostRecorded', {
      costId,
      costType: 'direct',
      amountPence,
      financialYear: '2019/20',
      source: { system: 'ledger', reference: costId },
    });
  const options = (store: SqliteEventStore): VerifyOptions => ({
    contiguousPositions: true,
    highestIssuedPosition: () => store.highestIssuedPosition(),
  });

  /** Three costs on one stream, two on another. */
  const original = join(dir, 'original.sqlite');
  beforeAll(async () => {
    const store = new SqliteEventStore(original);
    await store.append('intervention-a', [cost('a1', 100), cost('a2', 200), cost('a3', 300)], 'no_stream');
    await store.append('intervention-b', [cost('b1', 400), cost('b2', 500)], 'no_stream');
    await store.close();
  });

  const rows = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT * FROM events ORDER BY position').all() as SqliteEventRow[];
    } finally {
      db.close();
    }
  };

  /** A copy of the original altered by `tamper`, verified; with the row it altered (position 2: intervention-a@1). */
  const verifyAfter = async (tamper: (t: Tamper) => void) => {
    const file = join(dir, `${randomUUID()}.sqlite`);
    copyFileSync(original, file);
    const t = new Tamper(file);
    tamper(t);
    const row = t.row('position = 2');
    t.close();
    const store = new SqliteEventStore(file);
    try {
      return { report: await verifyLog(store, options(store)), row };
    } finally {
      await store.close();
    }
  };

  /** What JSON.parse reads from the altered row still hashes to the hash the row carries: only the text changed. */
  const stillMatchesItsHash = (row: SqliteEventRow) => {
    const stored = JSON.parse(row.metadata) as StoredMetadata;
    const parsed = {
      eventId: row.event_id,
      streamId: row.stream_id,
      revision: row.revision,
      position: row.position,
      type: row.type,
      data: JSON.parse(row.data),
      metadata: stored,
    };
    return eventHash(hashInputOf(parsed)) === stored.hash;
  };

  it('stores data and metadata as the canonical JSON of the values (sorted keys, no whitespace)', () => {
    const [first] = rows(original);
    expect(first.data).toBe(
      '{"amountPence":100,"costId":"a1","costType":"direct","financialYear":"2019/20","source":{"reference":"a1","system":"ledger"}}',
    );
    expect(first.metadata).toBe(canonicalJson(JSON.parse(first.metadata)));
    expect(Object.keys(JSON.parse(first.metadata))).toEqual([
      'actor',
      'causationId',
      'correlationId',
      'eventId',
      'hash',
      'prevHash',
      'recordedAt',
      'schemaVersion',
    ]);
  });

  it('lists every leaf of the metadata it writes in STORED_METADATA_LEAVES (what a rebuild checks is written once)', () => {
    const leaves = (value: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, v]) =>
        v !== null && typeof v === 'object'
          ? leaves(v as Record<string, unknown>, `${prefix}${key}.`)
          : [`${prefix}${key}`],
      );
    expect(leaves(JSON.parse(rows(original)[0].metadata))).toEqual([...STORED_METADATA_LEAVES]);
  });

  it('verifies the untouched log', async () => {
    expect((await verifyAfter(() => undefined)).report).toMatchObject({ ok: true, events: 5 });
  });

  const cases: [string, (t: Tamper) => void, RegExp][] = [
    [
      'a key of the data written twice, the first copy forged',
      (t) => t.duplicateKeyJson(2, 'data', 'amountPence', 999_900_000_000),
      /^stored data is not in canonical form \(RFC 8785\): duplicate key amountPence \(JSON.parse and the hash take its last copy, SQLite its first\)/,
    ],
    [
      'the actor of the metadata written twice, the first copy forged',
      (t) => t.duplicateKeyJson(2, 'metadata', 'actor', { userId: 'forger@x', organisationId: 'x', role: 'admin' }),
      /^stored metadata is not in canonical form \(RFC 8785\): duplicate key actor /,
    ],
    [
      'a key written twice, the first copy spelled with an escape',
      (t) => t.duplicateKeyJson(2, 'data', 'amountPence', 999_900_000_000, 'amount\\u0050ence'),
      /^stored data is not in canonical form \(RFC 8785\): duplicate key amountPence /,
    ],
    [
      'the keys of the data reordered',
      (t) => t.reorderKeysJson(2, 'data'),
      /^stored data is not in canonical form \(RFC 8785\): its keys are not in RFC 8785 order/,
    ],
    [
      'the metadata indented',
      (t) => t.indentJson(2, 'metadata'),
      /^stored metadata is not in canonical form \(RFC 8785\): it has whitespace between tokens/,
    ],
    [
      'a key spelled with an escape, written once',
      (t) => t.set(2, 'data', t.row('position = 2').data.replace('"costId"', '"cost\\u0049d"')),
      /^stored data is not in canonical form \(RFC 8785\): a string escape or a number is not written as RFC 8785 writes it/,
    ],
    [
      'a number written in another form',
      (t) => t.set(2, 'data', t.row('position = 2').data.replace('"amountPence":200', '"amountPence":2e2')),
      /^stored data is not in canonical form \(RFC 8785\): a string escape or a number is not written as RFC 8785 writes it/,
    ],
  ];
  it.each(cases)('names the event when %s, though it still matches its hash', async (_, tamper, reason) => {
    const { report, row } = await verifyAfter(tamper);
    expect(stillMatchesItsHash(row)).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({
      streamId: 'intervention-a',
      revision: 1,
      position: 2,
      eventId: row.event_id,
      type: 'CostRecorded',
    });
    expect(report.firstBroken!.reason).toMatch(reason);
    expect(report.firstBroken!.reason).toMatch(
      /the stored bytes were changed, though what JSON.parse reads from them still matches the hash$/,
    );
  });

  it('names a key written twice inside a nested object by its path', async () => {
    const { report } = await verifyAfter((t) =>
      t.set(2, 'metadata', t.row('position = 2').metadata.replace('"actor":{', '"actor":{"userId":"forger@x",')),
    );
    expect(report.firstBroken).toMatchObject({
      position: 2,
      reason: expect.stringContaining('duplicate key actor.userId'),
    });
  });

  it('stores any data as text that verifies, and names any key written twice in it (property)', async () => {
    const key = fc.string({ minLength: 1, maxLength: 6 });
    const data = fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 5 });
    await fc.assert(
      fc.asyncProperty(data, fc.jsonValue({ maxDepth: 1 }), async (values, forged) => {
        const file = join(dir, `${randomUUID()}.sqlite`);
        const store = new SqliteEventStore(file);
        try {
          await store.append('s', [event('E', values)], 'no_stream');
          const [stored] = rows(file);
          expect(stored.data).toBe(canonicalJson(JSON.parse(stored.data)));
          expect((await verifyLog(store)).ok).toBe(true);
          // the first key written again at the front: JSON.parse still reads the same values
          const [first] = Object.keys(values);
          const raw = new Database(file);
          raw
            .prepare('UPDATE events SET data = ?')
            .run(`{${JSON.stringify(first)}:${JSON.stringify(forged)},${stored.data.slice(1)}`);
          raw.close();
          const report = await verifyLog(store);
          expect(report.firstBroken).toMatchObject({ position: 1, reason: expect.stringContaining('duplicate key') });
        } finally {
          await store.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('judges text canonical exactly when it is the canonical JSON of what it parses to (property)', () => {
    // keys JSON.stringify moves ahead ("10", "9") and keys that sort apart in UTF-16 and in code points included
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('10', '9', '0', '\u{1F600}', '\uFFFF', 'a'));
    const value = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('json'), { maxLength: 3 }),
        fc.dictionary(key, tie('json'), { maxKeys: 4 }),
      ),
    })).json;
    const writings = (v: unknown) => [canonicalJson(v), JSON.stringify(v), JSON.stringify(v, null, 1)];
    fc.assert(
      fc.property(value, (v) => {
        for (const text of writings(v)) {
          const parsed: unknown = JSON.parse(text);
          expect(isCanonicalJson(text, parsed)).toBe(text === canonicalJson(parsed));
        }
        expect(isCanonicalJson(canonicalJson(v), JSON.parse(canonicalJson(v)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  describe('a file written before the canonical form', () => {
    /** An events table as the earlier store wrote it: JSON.stringify of data and metadata, and PRAGMA user_version 0. */
    const earlierFile = (tamperWithSecond = false) => {
      const file = join(dir, `${randomUUID()}.sqlite`);
      const db = new Database(file);
      db.exec(SQLITE_SCHEMA);
      let prevHash = GENESIS_HASH;
      [cost('e1', 100), cost('e2', 200), cost('e3', 300)].forEach((e, revision) => {
        const hash = eventHash({
          streamId: 'intervention-e',
          revision,
          eventId: e.eventId,
          type: e.type,
          data: e.data,
          metadata: e.metadata,
          prevHash,
        });
        let data = JSON.stringify(e.data);
        if (tamperWithSecond && revision === 1) data = `{"amountPence":999900000000,${data.slice(1)}`;
        db.prepare(
          'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(
          e.eventId,
          'intervention-e',
          revision,
          e.type,
          data,
          JSON.stringify({ ...e.metadata, eventId: e.eventId, prevHash, hash }),
        );
        prevHash = hash;
      });
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      db.close();
      return file;
    };

    it('is rewritten in the canonical form when the store opens it: the same values, so the same hashes, and it verifies', async () => {
      const file = earlierFile();
      const before = rows(file);
      expect(before[0].data).not.toBe(canonicalJson(JSON.parse(before[0].data)));
      const store = new SqliteEventStore(file);
      try {
        expect(await verifyLog(store, options(store))).toMatchObject({ ok: true, events: 3 });
      } finally {
        await store.close();
      }
      const after = rows(file);
      after.forEach((row, i) => {
        expect(row.data).toBe(canonicalJson(JSON.parse(before[i].data)));
        expect(row.metadata).toBe(canonicalJson(JSON.parse(before[i].metadata)));
      });
      const db = new Database(file, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(STORED_JSON_FORM);
      db.close();
    });

    it('keeps text the earlier store cannot have written as it is, and verify names it', async () => {
      const file = earlierFile(true);
      const tampered = rows(file)[1];
      const store = new SqliteEventStore(file);
      try {
        const report = await verifyLog(store, options(store));
        expect(report.firstBroken).toMatchObject({
          streamId: 'intervention-e',
          revision: 1,
          position: 2,
          reason: expect.stringContaining('duplicate key amountPence'),
        });
      } finally {
        await store.close();
      }
      const [first, second] = rows(file);
      expect(second.data).toBe(tampered.data);
      expect(first.data).toBe(canonicalJson(JSON.parse(first.data)));
    });
  });

  it('reads the events at given positions, in log order', async () => {
    const store = new SqliteEventStore(original);
    try {
      expect(store.readPositions([4, 2]).map((e) => [e.position, e.streamId, e.revision])).toEqual([
        [2, 'intervention-a', 1],
        [4, 'intervention-b', 0],
      ]);
      expect(store.readPositions([])).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
