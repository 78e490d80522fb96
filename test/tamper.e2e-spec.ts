import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppConfig, mintToken } from '@benefit-ledger/application';
import {
  BrokenEvent,
  GENESIS_HASH,
  SqliteEventRow,
  VerifyReport,
  canonicalJson,
  eventHash,
  sqliteFile,
} from '@benefit-ledger/event-store';
import { createApp } from '../apps/api/src/create-app';
import { runDemo } from '../apps/cli/src/demo/run-demo';
import { Tamper } from '../libs/event-store/test/support/tamper';
import { runCli } from './support/run-cli';

const SECRET = 'tamper-suite-secret';
const FRAILTY = 'intervention-frailty-discharge-to-assess';
const THEATRES = 'intervention-theatre-scheduling';
const MEDS = 'intervention-structured-medication-review';

/**
 * Every way an insider with the SQLite file could alter the log, against a real store: the demo, 2019/20 closed
 * for the whole system (sealed at the demo's last position), and a few events after the seal. Each case tampers with a copy
 * of the file through raw better-sqlite3, then asks GET /audit/verify of the real application, and asserts that
 * the alteration is detected AND located: stream, revision, global position and the reason.
 */
describe('tampering with the SQLite log is detected and located', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
  const original = join(root, 'original');
  let sealPosition: number;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const config = (dataDir: string): AppConfig => ({ port: 0, dataDir, jwtSecret: SECRET, bodyLimitBytes: 64 * 1024 });
  const as = async (dataDir: string, role: 'admin' | 'auditor' | 'contributor', organisationId: string) => {
    const { app } = await createApp(config(dataDir), false);
    await app.init();
    const token = await mintToken(SECRET, { sub: `${role}@${organisationId}`, role, organisationId });
    return {
      app,
      get: (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`),
      post: (path: string, body: object) =>
        request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${token}`).send(body),
    };
  };

  beforeAll(async () => {
    await runDemo(config(original));
    const admin = await as(original, 'admin', 'west-riding-icb');
    const closed = await admin.post('/periods/2019-20/close', {});
    if (closed.status !== 201) throw new Error(JSON.stringify(closed.body));
    sealPosition = closed.body.seal.position;
    await admin.app.close();
    // after the seal: two 2020/21 costs on the theatres intervention and one on frailty
    const contributor = await as(original, 'contributor', 'riverside-teaching-hospitals');
    for (const [intervention, costId] of [
      ['theatre-scheduling', 'after-1'],
      ['theatre-scheduling', 'after-2'],
      ['frailty-discharge-to-assess', 'after-3'],
    ]) {
      await contributor
        .post(`/interventions/${intervention}/costs`, {
          costId,
          costType: 'direct',
          category: 'licences',
          amountPence: 10_000,
          financialYear: '2020/21',
          bearerOrganisationId: 'riverside-teaching-hospitals',
          source: { system: 'ledger', reference: costId },
        })
        .expect(201);
    }
    await contributor.app.close();
  });

  /** A copy of the original store, altered through raw better-sqlite3, verified through the API. */
  const verifyAfter = async (alter: (t: Tamper) => void): Promise<VerifyReport> => {
    const dir = mkdtempSync(join(root, 'case-'));
    copyFileSync(sqliteFile(original), sqliteFile(dir));
    const t = new Tamper(sqliteFile(dir));
    try {
      alter(t);
    } finally {
      t.close();
    }
    const auditor = await as(dir, 'auditor', 'west-riding-icb');
    try {
      return (await auditor.get('/audit/verify').expect(200)).body;
    } finally {
      await auditor.app.close();
    }
  };
  const located = (report: VerifyReport, expected: Partial<BrokenEvent>, reason: string | RegExp) => {
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject(expected);
    expect(report.firstBroken!.reason).toMatch(reason);
  };

  it('verifies the untouched log: every event (the demo, the close, three costs after it), every chain and the 2019/20 seal', async () => {
    const report = await verifyAfter(() => undefined);
    expect(report).toMatchObject({ ok: true, events: sealPosition + 4, missingPositions: [] });
    expect(report.seals).toEqual([
      expect.objectContaining({
        label: '2019/20 closed for the whole system',
        streamId: 'period-2019-20',
        sealedPosition: sealPosition,
        streamCount: 16,
      }),
    ]);
  });

  it('a byte of an event’s data changed', async () => {
    let target!: SqliteEventRow;
    const report = await verifyAfter((t) => {
      target = t.row("type = 'CostRecorded' AND data LIKE '%18000000%'");
      t.set(target.position, 'data', target.data.replace('18000000', '18000009'));
    });
    located(
      report,
      {
        streamId: FRAILTY,
        revision: target.revision,
        position: target.position,
        eventId: target.event_id,
        type: 'CostRecorded',
      },
      /content does not match its hash/,
    );
  });

  it('a byte of an event’s metadata changed (who recorded it)', async () => {
    let target!: SqliteEventRow;
    const report = await verifyAfter((t) => {
      target = t.row("type = 'BenefitValidated'");
      t.set(target.position, 'metadata', target.metadata.replace('finance.validator@', 'finance.validatoR@'));
    });
    located(
      report,
      { streamId: target.stream_id, revision: target.revision, position: target.position, type: 'BenefitValidated' },
      /content does not match its hash.*type, data or metadata/,
    );
  });

  it('an event’s type changed', async () => {
    let target!: SqliteEventRow;
    const report = await verifyAfter((t) => {
      target = t.row("type = 'BenefitRejected'");
      t.set(target.position, 'type', 'BenefitValidated');
    });
    located(
      report,
      { streamId: target.stream_id, revision: target.revision, position: target.position, type: 'BenefitValidated' },
      /content does not match its hash/,
    );
  });

  it('an event deleted from the middle of a stream: the revision gap names the stream, the position gap where it was', async () => {
    let victim!: SqliteEventRow;
    const report = await verifyAfter((t) => {
      victim = t.row('stream_id = ? AND revision = 2', THEATRES);
      t.delete(victim.position);
    });
    located(report, { streamId: THEATRES, revision: 3 }, /revision 3 follows 1: an event is missing or was inserted/);
    expect(report.missingPositions).toEqual([{ from: victim.position, to: victim.position }]);
  });

  it('two events of a stream reordered in the log', async () => {
    let first!: SqliteEventRow;
    const report = await verifyAfter((t) => {
      first = t.row('stream_id = ? AND revision = 4', FRAILTY);
      const second = t.row('stream_id = ? AND revision = 5', FRAILTY);
      // swap their global positions (one parked at -1 while the other moves: positions are unique)
      t.db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(first.position);
      t.db.prepare('UPDATE events SET position = ? WHERE position = ?').run(first.position, second.position);
      t.db.prepare('UPDATE events SET position = ? WHERE position = -1').run(second.position);
    });
    located(report, { streamId: FRAILTY, revision: 5, position: first.position }, /revision 5 follows 3/);
  });

  it('an event inserted into a stream (later revisions renumbered, its own hash and prevHash computed)', async () => {
    let at!: SqliteEventRow;
    const report = await verifyAfter((t) => {
      at = t.row('stream_id = ? AND revision = 3', THEATRES);
      const later = t
        .rows(THEATRES)
        .filter((r) => r.revision >= 3)
        .reverse();
      for (const r of later) t.set(r.position, 'revision', r.revision + 1);
      const prev = JSON.parse(t.row('stream_id = ? AND revision = 2', THEATRES).metadata);
      const metadata = { ...JSON.parse(at.metadata) };
      delete metadata.eventId;
      delete metadata.prevHash;
      delete metadata.hash;
      const data = {
        costId: 'phantom',
        costType: 'direct',
        category: 'consultancy',
        amountPence: 9_900_000,
        financialYear: '2019/20',
        bearerOrganisationId: 'flowline-systems',
        source: { system: 'ledger', reference: 'x' },
      };
      const hash = eventHash({
        streamId: THEATRES,
        revision: 3,
        eventId: 'phantom-event',
        type: 'CostRecorded',
        data,
        metadata,
        prevHash: prev.hash,
      });
      t.db
        .prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, 3, ?, ?, ?)')
        .run(
          'phantom-event',
          THEATRES,
          'CostRecorded',
          canonicalJson(data),
          canonicalJson({ ...metadata, eventId: 'phantom-event', prevHash: prev.hash, hash }),
        );
    });
    // the first event that no longer follows is the one that used to be revision 3, now numbered 4, still at its old position
    located(
      report,
      { streamId: THEATRES, revision: 4, position: at.position, eventId: at.event_id },
      /revision 4 follows 2: an event is missing or was inserted/,
    );
  });

  it('a sealed stream truncated (its last two events deleted): the seal names the stream and the first missing revision', async () => {
    let cut!: SqliteEventRow[];
    const report = await verifyAfter((t) => {
      cut = t.rows(MEDS).slice(-2);
      for (const r of cut) t.delete(r.position);
    });
    const [first, last] = cut;
    located(
      report,
      {
        streamId: MEDS,
        revision: first.revision,
        position: null,
        seal: expect.objectContaining({ streamId: 'period-2019-20', sealedPosition: sealPosition }),
      },
      `revisions ${first.revision}–${last.revision} were truncated`,
    );
    expect(report.missingPositions).toEqual([{ from: first.position, to: last.position }]);
  });

  it('a stream replaced by a consistent but different chain (every hash recomputed): caught by the seal, at the sealed head', async () => {
    let head!: SqliteEventRow;
    const report = await verifyAfter((t) => {
      const rows = t.rows(THEATRES).filter((r) => r.position <= sealPosition);
      head = rows[rows.length - 1];
      t.rewriteStream(THEATRES, (data) =>
        data.costId === 'theatres-software' ? { ...data, amountPence: 600_000 } : data,
      );
    });
    located(
      report,
      {
        streamId: THEATRES,
        revision: head.revision,
        position: head.position,
        eventId: head.event_id,
        seal: expect.objectContaining({ label: '2019/20 closed for the whole system', sealedPosition: sealPosition }),
      },
      /rewritten with a consistent chain/,
    );
  });

  it('a whole sealed stream deleted', async () => {
    const report = await verifyAfter((t) =>
      t.db.prepare("DELETE FROM events WHERE stream_id = 'partnership-riverside-lean-care'").run(),
    );
    located(
      report,
      { streamId: 'partnership-riverside-lean-care', revision: 0, position: null },
      /the stream was removed/,
    );
  });

  it('the seal itself edited (a different root): its own hash breaks', async () => {
    let seal!: SqliteEventRow;
    const report = await verifyAfter((t) => {
      seal = t.row("type = 'PeriodClosed'");
      const data = JSON.parse(seal.data);
      t.set(seal.position, 'data', JSON.stringify({ ...data, seal: { ...data.seal, root: '0'.repeat(64) } }));
    });
    located(
      report,
      { streamId: 'period-2019-20', revision: 0, position: seal.position, type: 'PeriodClosed' },
      /content does not match its hash/,
    );
  });

  it('a stream’s tail after the last seal truncated: no chain breaks, and the missing position is named', async () => {
    let victim!: SqliteEventRow;
    const report = await verifyAfter((t) => {
      victim = t.row("stream_id = ? AND data LIKE '%after-2%'", THEATRES);
      t.delete(victim.position);
    });
    located(
      report,
      { streamId: null, revision: null, position: victim.position },
      new RegExp(`global position ${victim.position} is missing: events were deleted`),
    );
  });

  it('the end of the log truncated: the positions SQLite issued but no longer holds are named', async () => {
    const last = sealPosition + 4; // after the demo's log: the close, then three costs
    const report = await verifyAfter((t) => t.delete(last));
    located(report, { streamId: null, position: last }, new RegExp(`global position ${last} is missing`));
  });

  it('the compiled CLI names a rewritten stream found by the seal, with exit status 1', () => {
    const dir = mkdtempSync(join(root, 'cli-'));
    copyFileSync(sqliteFile(original), sqliteFile(dir));
    const t = new Tamper(sqliteFile(dir));
    t.rewriteStream(THEATRES, (data) =>
      data.validatedValuePence ? { ...data, validatedValuePence: 60_000_000 } : data,
    );
    t.close();
    const r = runCli(['verify'], { DATA_DIR: dir, JWT_SECRET: SECRET });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(`^BROKEN at ${THEATRES} revision \\d+ \\(global position \\d+, event [0-9a-f-]+, \\w+\\)\\n`),
    );
    expect(r.stdout).toContain('rewritten with a consistent chain');
    expect(r.stdout).toContain('found by the seal of 2019/20 closed for the whole system (period-2019-20@0');
  });

  /**
   * The stored JSON written again so that JSON.parse (and so the hash) reads the same values, but the text is not the
   * canonical form the store writes: a key twice (SQLite reads the first copy, JSON.parse the last), keys reordered,
   * whitespace, a key spelled with an escape. verify names the event; and the read models, made afresh by the API's
   * live catch-up and again by `npm run cli -- rebuild` (SQLite reading the file, on the compiled worker), are the
   * read models of the untouched log: no forged copy reaches a figure or a trace.
   */
  describe('stored JSON that still matches its hash but is not its canonical form', () => {
    const FORGED = 999_900_000_000;
    const FORGER = { userId: 'forger@elsewhere', organisationId: 'elsewhere', role: 'admin' };
    const COST = 'type = \'CostRecorded\' AND data LIKE \'%"costId":"frailty-team"%\'';
    const OTHER_COST = 'type = \'CostRecorded\' AND data LIKE \'%"costId":"theatres-staff-time"%\'';

    /** What an auditor reads: the value riverside invested and received in 2019/20, the frailty intervention's value, and the trace of what riverside invested. */
    const answers = async (dataDir: string) => {
      const auditor = await as(dataDir, 'auditor', 'west-riding-icb');
      try {
        const organisation = (
          await auditor.get('/organisations/riverside-teaching-hospitals/value?financialYear=2019/20').expect(200)
        ).body;
        const intervention = (await auditor.get('/interventions/frailty-discharge-to-assess/value').expect(200)).body;
        const trace = (
          await auditor.get(`/trace?figure=${encodeURIComponent(organisation.investedPence.ref)}`).expect(200)
        ).body;
        return { organisation, intervention, trace };
      } finally {
        await auditor.app.close();
      }
    };
    const digestOf = (stdout: string) => /digest ([0-9a-f]{64})/.exec(stdout)![1];

    /** The untouched log's answers (made by live catch-up on a fresh copy) and its rebuild's digest. */
    let untouched: Awaited<ReturnType<typeof answers>>;
    let untouchedDigest: string;
    beforeAll(async () => {
      const dir = mkdtempSync(join(root, 'untouched-'));
      copyFileSync(sqliteFile(original), sqliteFile(dir));
      untouched = await answers(dir);
      const rebuilt = runCli(['rebuild'], { DATA_DIR: dir, JWT_SECRET: SECRET });
      expect(rebuilt).toMatchObject({ status: 0 });
      untouchedDigest = digestOf(rebuilt.stdout);
    });

    const cases: [string, (t: Tamper) => SqliteEventRow, RegExp][] = [
      [
        "a sealed cost's amount written twice in its data, and its actor twice in its metadata, the first copies forged",
        (t) => {
          const row = t.row(COST);
          expect(row.position).toBeLessThan(sealPosition);
          t.duplicateKeyJson(row.position, 'data', 'amountPence', FORGED);
          t.duplicateKeyJson(row.position, 'metadata', 'actor', FORGER);
          return row;
        },
        /^stored data is not in canonical form \(RFC 8785\): duplicate key amountPence/,
      ],
      [
        "a cost's actor written twice in its metadata, the first copy forged",
        (t) => {
          const row = t.row(OTHER_COST);
          t.duplicateKeyJson(row.position, 'metadata', 'actor', FORGER);
          return row;
        },
        /^stored metadata is not in canonical form \(RFC 8785\): duplicate key actor/,
      ],
      [
        "a cost's amount written twice, the forged first copy spelled amount\\u0050ence",
        (t) => {
          const row = t.row(COST);
          t.duplicateKeyJson(row.position, 'data', 'amountPence', FORGED, 'amount\\u0050ence');
          return row;
        },
        /^stored data is not in canonical form \(RFC 8785\): duplicate key amountPence/,
      ],
      [
        "a cost's data with its keys reordered",
        (t) => {
          const row = t.row(COST);
          t.reorderKeysJson(row.position, 'data');
          return row;
        },
        /^stored data is not in canonical form \(RFC 8785\): its keys are not in RFC 8785 order/,
      ],
      [
        "a cost's metadata with whitespace between its tokens",
        (t) => {
          const row = t.row(COST);
          t.indentJson(row.position, 'metadata');
          return row;
        },
        /^stored metadata is not in canonical form \(RFC 8785\): it has whitespace between tokens/,
      ],
    ];

    it.each(cases)(
      "%s: verify names the event; live catch-up and a rebuild give the untouched log's read models",
      async (_, alter, reason) => {
        const dir = mkdtempSync(join(root, 'stored-json-'));
        copyFileSync(sqliteFile(original), sqliteFile(dir));
        const t = new Tamper(sqliteFile(dir));
        let target!: SqliteEventRow;
        try {
          target = alter(t);
        } finally {
          t.close();
        }
        // the API on the altered copy: verify, and read models made afresh by live catch-up
        const auditor = await as(dir, 'auditor', 'west-riding-icb');
        let report: VerifyReport;
        try {
          report = (await auditor.get('/audit/verify').expect(200)).body;
        } finally {
          await auditor.app.close();
        }
        located(
          report,
          {
            streamId: target.stream_id,
            revision: target.revision,
            position: target.position,
            eventId: target.event_id,
            type: 'CostRecorded',
          },
          reason,
        );
        expect(report.firstBroken!.reason).toContain('what JSON.parse reads from them still matches the hash');
        const fresh = await answers(dir);
        expect(fresh).toEqual(untouched);

        // and rebuilt by the compiled CLI, SQLite reading the altered file
        const rebuilt = runCli(['rebuild'], { DATA_DIR: dir, JWT_SECRET: SECRET });
        expect(rebuilt).toMatchObject({ status: 0 });
        expect(digestOf(rebuilt.stdout)).toBe(untouchedDigest);
        const afterRebuild = await answers(dir);
        expect(afterRebuild).toEqual(untouched);
        const shown = JSON.stringify([fresh, afterRebuild]);
        expect(shown).not.toContain(String(FORGED));
        expect(shown).not.toContain(FORGER.userId);
        expect(
          afterRebuild.trace.events.find((e: { position: number }) => e.position === target.position),
        ).toMatchObject({ actor: JSON.parse(target.metadata).actor });
      },
    );

    it('the compiled CLI names the event whose stored data writes a key twice, with exit status 1', () => {
      const dir = mkdtempSync(join(root, 'cli-stored-json-'));
      copyFileSync(sqliteFile(original), sqliteFile(dir));
      const t = new Tamper(sqliteFile(dir));
      const row = t.row(COST);
      t.duplicateKeyJson(row.position, 'data', 'amountPence', FORGED);
      t.close();
      const r = runCli(['verify'], { DATA_DIR: dir, JWT_SECRET: SECRET });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(
        `BROKEN at ${FRAILTY} revision ${row.revision} (global position ${row.position}, event ${row.event_id}, CostRecorded)\n`,
      );
      expect(r.stdout).toContain('stored data is not in canonical form (RFC 8785): duplicate key amountPence');
    });
  });

  describe('what cannot be detected (docs/integrity.md, limits)', () => {
    it('an event appended after the last seal with a correctly computed chain is indistinguishable from a real append', async () => {
      const report = await verifyAfter((t) => {
        const head = t.rows(THEATRES).at(-1)!;
        const metadata = { ...JSON.parse(head.metadata) };
        const prevHash = metadata.hash ?? GENESIS_HASH;
        delete metadata.eventId;
        delete metadata.prevHash;
        delete metadata.hash;
        const data = {
          costId: 'forged',
          costType: 'direct',
          category: 'x',
          amountPence: 1,
          financialYear: '2020/21',
          bearerOrganisationId: 'flowline-systems',
          source: { system: 's', reference: 'r' },
        };
        const hash = eventHash({
          streamId: THEATRES,
          revision: head.revision + 1,
          eventId: 'forged',
          type: 'CostRecorded',
          data,
          metadata,
          prevHash,
        });
        t.db
          .prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
          .run(
            'forged',
            THEATRES,
            head.revision + 1,
            'CostRecorded',
            canonicalJson(data),
            canonicalJson({ ...metadata, eventId: 'forged', prevHash, hash }),
          );
      });
      expect(report.ok).toBe(true);
    });
  });
});
