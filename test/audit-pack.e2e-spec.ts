import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import canonicalize from 'canonicalize';
import { PackedEvent, PackedSeal, extractPackArchive, verifyAuditPack } from '@benefit-ledger/application';
import { ACUTE, COMMUNITY, GP, ICB, INTERVENTION, costBody, seedSystem, withSeededSystem } from './support/fixtures';
import { TestApp } from './support/test-app';

/** GET /audit/pack: who may have which pack (docs/design.md#access), its refusals, and what an organisation-scope close puts in it. */
describe('audit packs over HTTP', () => {
  // the capacity benefit validated at £20,000.00 by the community trust (before its release, as releases need)
  const suite = withSeededSystem({ validatedValuePence: 2_000_000 });
  const dir = mkdtempSync(join(tmpdir(), 'ledger-pack-'));
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    ({ t, as } = suite);
    await as.acute.post(`/interventions/${INTERVENTION}/costs`, costBody({ costId: 'c-2019' })).expect(201);
    await as.communityFinance.post('/periods/2019-20/close', {}).expect(201);
  });

  type Agent = { get: (path: string) => request.Test };
  const pack = (who: Agent, query: string) =>
    who
      .get(`/audit/pack?${query}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const refused = async (
    send: () => PromiseLike<{ status: number; body: unknown }>,
    status: number,
    mention: string | RegExp,
  ) => {
    const before = t.logLength();
    const r = await send();
    expect(r.status).toBe(status);
    expect(JSON.parse((r.body as Buffer).toString('utf8')).message).toMatch(mention);
    expect(t.logLength()).toBe(before);
  };

  it('gives auditors any organisation’s pack, and everyone else only their own organisation’s (403 otherwise), appending nothing', async () => {
    const before = t.logLength();
    for (const [who, organisation] of [
      [as.auditor, COMMUNITY],
      [as.auditor, GP],
      [as.communityFinance, COMMUNITY],
      [as.community, COMMUNITY],
      [as.admin, ICB],
    ] as const) {
      const r = await pack(who, `organisationId=${organisation}&financialYear=2019/20`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/gzip');
    }
    for (const [who, organisation] of [
      [as.acute, COMMUNITY],
      [as.communityFinance, ACUTE],
      [as.admin, COMMUNITY],
      [as.gp, ACUTE],
    ] as const) {
      await refused(
        () => pack(who, `organisationId=${organisation}&financialYear=2019/20`),
        403,
        /audit pack is produced for your own organisation only/,
      );
    }
    expect(t.logLength()).toBe(before);
  });

  it('answers 400 naming each bad parameter, 404 for an unknown organisation, 401 without a token', async () => {
    await refused(
      () => pack(as.auditor, 'organisationId=acute-a'),
      400,
      /financialYear should not be null or undefined/,
    );
    await refused(
      () => pack(as.auditor, 'organisationId=acute-a&financialYear=2019-20'),
      400,
      /financialYear must be a financial year like 2019\/20/,
    );
    await refused(
      () => pack(as.auditor, 'organisationId=not%20an%20id&financialYear=2019/20'),
      400,
      /organisationId must be an id/,
    );
    await refused(
      () => pack(as.auditor, `organisationId=${ACUTE}&financialYear=2019/20&format=zip`),
      400,
      /property format should not exist/,
    );
    await refused(
      () => pack(as.auditor, 'organisationId=nobody&financialYear=2019/20'),
      404,
      /organisation 'nobody' is not registered/,
    );
    await refused(
      () =>
        t.http
          .get(`/audit/pack?organisationId=${ACUTE}&financialYear=2019/20`)
          .buffer(true)
          .parse((res, done) => {
            const c: Buffer[] = [];
            res.on('data', (x: Buffer) => c.push(x));
            res.on('end', () => done(null, Buffer.concat(c)));
          }),
      401,
      /bearer token is required/,
    );
  });

  it("holds the organisation's own close with its seal, figures as closed and restated, and verifies offline", async () => {
    const r = await pack(as.communityFinance, `organisationId=${COMMUNITY}&financialYear=2019/20`);
    writeFileSync(join(dir, 'community.tar.gz'), r.body as Buffer);
    const { dir: packDir, cleanup } = await extractPackArchive(join(dir, 'community.tar.gz'));
    try {
      const result = verifyAuditPack(packDir);
      expect(result).toMatchObject({ ok: true, organisationId: COMMUNITY, financialYear: '2019/20', problems: [] });
      const seal: PackedSeal = JSON.parse(readFileSync(join(packDir, 'seals', `2019-20-${COMMUNITY}.json`), 'utf8'));
      expect(seal).toMatchObject({
        financialYear: '2019/20',
        scope: { organisationId: COMMUNITY },
        closeEvent: { streamId: 'period-2019-20', revision: 0 },
      });
      expect(seal.seal.heads.map((h) => h.streamId)).toEqual(
        expect.arrayContaining([`intervention-${INTERVENTION}`, `organisation-${COMMUNITY}`]),
      );
      expect(result.seals).toEqual([expect.objectContaining({ root: seal.seal.root, position: seal.seal.position })]);
      const manifest = JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({
        closed: true,
        close: { scope: { organisationId: COMMUNITY } },
        generatedBy: { role: 'finance', organisationId: COMMUNITY },
      });
      const value = JSON.parse(readFileSync(join(packDir, 'reports', 'organisation-value.json'), 'utf8'));
      expect(value.asClosed.landedHere.totalPence.pence).toBe(2_000_000);
      expect(value.asRestated.landedHere.totalPence.pence).toBe(2_000_000);
      // a seal names every head: replacing a listed stream's hash in the pack's seal is caught even with SHA256SUMS redone
      const sealPath = join(packDir, 'seals', `2019-20-${COMMUNITY}.json`);
      const forged = {
        ...seal,
        seal: {
          ...seal.seal,
          heads: seal.seal.heads.map((h) =>
            h.streamId === `organisation-${COMMUNITY}` ? { ...h, hash: 'f'.repeat(64) } : h,
          ),
        },
      };
      writeFileSync(sealPath, JSON.stringify(forged));
      expect(verifyAuditPack(packDir).problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: `seals/2019-20-${COMMUNITY}.json`,
            reason: expect.stringContaining('differs from the one its PeriodClosed event period-2019-20@0 carries'),
          }),
        ]),
      );
    } finally {
      cleanup();
    }
  });

  it("holds the organisation's reconciliation once it has reported, and shows a closed year's reconciliation beside the year as restated", async () => {
    const report = (organisationId: string, over: object = {}) => ({
      organisationId,
      financialYear: '2019/20',
      totalPence: 750_000,
      lines: [
        { lineId: 'CIP-1', description: 'Prescribing', amountPence: 750_000, cashReleasing: true, recurrent: false },
      ],
      source: { system: 'CIP tracker', reference: 'M12' },
      ...over,
    });
    await as.gpFinance.post('/finance/reports', report(GP)).expect(201);
    const r = await pack(as.gpFinance, `organisationId=${GP}&financialYear=2019/20`);
    writeFileSync(join(dir, 'gp.tar.gz'), r.body as Buffer);
    const { dir: packDir, cleanup } = await extractPackArchive(join(dir, 'gp.tar.gz'));
    try {
      expect(verifyAuditPack(packDir)).toMatchObject({ ok: true, problems: [] });
      const reconciliation = JSON.parse(readFileSync(join(packDir, 'reports', 'reconciliation.json'), 'utf8'));
      expect(reconciliation.asRestated.totals.reportedPence.pence).toBe(750_000);
      expect(readFileSync(join(packDir, 'figures.csv'), 'utf8')).toContain('reconciliation');
    } finally {
      cleanup();
    }
    // the community trust closed 2019/20 before it reported: its reconciliation is restated, and had no figures as closed
    await as.communityFinance
      .post('/finance/reports', report(COMMUNITY, { restatement: { reason: 'CIP return filed after the close' } }))
      .expect(201);
    const rec = (
      await as.communityFinance
        .get(`/finance/reconciliation?organisationId=${COMMUNITY}&financialYear=2019/20`)
        .expect(200)
    ).body;
    expect(rec.period).toMatchObject({
      financialYear: '2019/20',
      closed: true,
      close: { scope: { organisationId: COMMUNITY } },
      asClosed: null,
    });
    expect(rec.period.asClosedUnavailable).toMatch(/report/);
    expect(rec.period.restatements.map((x: { reason: string }) => x.reason)).toContain(
      'CIP return filed after the close',
    );
  });

  describe('verify-pack names every kind of edit, even one that recomputes the hashes', () => {
    let packDir: string;
    let cleanup: () => void;
    beforeAll(async () => {
      const r = await pack(as.auditor, `organisationId=${COMMUNITY}&financialYear=2019/20`);
      writeFileSync(join(dir, 'edits.tar.gz'), r.body as Buffer);
      ({ dir: packDir, cleanup } = await extractPackArchive(join(dir, 'edits.tar.gz')));
    });
    afterAll(() => cleanup());

    /** A copy of the pack, edited; the result of verifying it. */
    const edited = (edit: (copy: string, index: PackedEvent[]) => void) => {
      const copy = mkdtempSync(join(dir, 'edit-'));
      cpSync(packDir, copy, { recursive: true });
      edit(copy, JSON.parse(readFileSync(join(copy, 'events.json'), 'utf8')));
      return verifyAuditPack(copy);
    };
    /** What an informed forger does after editing: index and SHA256SUMS recomputed to match. */
    const reseal = (copy: string, index: PackedEvent[]) => {
      writeFileSync(join(copy, 'events.json'), JSON.stringify(index));
      const sums = readFileSync(join(copy, 'SHA256SUMS'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const file = line.slice(66);
          return `${createHash('sha256')
            .update(readFileSync(join(copy, file)))
            .digest('hex')}  ${file}`;
        });
      writeFileSync(join(copy, 'SHA256SUMS'), `${sums.join('\n')}\n`);
    };
    const stream = `intervention-${INTERVENTION}`;

    it('a file removed, and a file added', () => {
      const removed = edited((copy, index) =>
        rmSync(join(copy, index.find((e) => e.streamId === stream && e.revision === 1)!.file)),
      );
      expect(removed.problems).toEqual(
        expect.arrayContaining([
          { file: `events/${stream}/000001.json`, reason: 'listed in SHA256SUMS but missing from the pack' },
          expect.objectContaining({
            file: `events/${stream}/000001.json`,
            event: expect.objectContaining({ streamId: stream, revision: 1 }),
            reason: 'missing from the pack',
          }),
        ]),
      );
      const added = edited((copy) => writeFileSync(join(copy, 'notes.txt'), 'trust me'));
      expect(added.problems).toEqual([
        { file: 'notes.txt', reason: 'not listed in SHA256SUMS: the file was added to the pack' },
      ]);
    });

    it('two event files swapped, with the index and SHA256SUMS recomputed: the chain names the event', () => {
      const result = edited((copy, index) => {
        const [a, b] = [1, 2].map((revision) => index.find((e) => e.streamId === stream && e.revision === revision)!);
        const [bytesA, bytesB] = [readFileSync(join(copy, a.file)), readFileSync(join(copy, b.file))];
        writeFileSync(join(copy, a.file), bytesB);
        writeFileSync(join(copy, b.file), bytesA);
        [a.hash, b.hash] = [b.hash, a.hash];
        reseal(copy, index);
      });
      expect(result.problems[0]).toMatchObject({
        file: `events/${stream}/000001.json`,
        event: { streamId: stream, revision: 1 },
        reason: expect.stringMatching(/its revision is 2, the index says 1/),
      });
    });

    it('a stream rewritten with every hash recomputed (a consistent forgery): the seal names it', () => {
      const result = edited((copy, index) => {
        let prevHash = '0'.repeat(64);
        for (const e of index.filter((x) => x.streamId === stream).sort((x, y) => x.revision - y.revision)) {
          const content = JSON.parse(readFileSync(join(copy, e.file), 'utf8')) as {
            type: string;
            data: { amountPence: number; note: string };
            prevHash: string;
          };
          if (content.type === 'CostRecorded') content.data.amountPence += 1;
          if (content.type === 'BenefitValidated') content.data.note += ' (forged)';
          content.prevHash = prevHash;
          const bytes = canonicalize(content)!;
          writeFileSync(join(copy, e.file), bytes);
          e.hash = prevHash = createHash('sha256').update(bytes).digest('hex');
        }
        reseal(copy, index);
      });
      const sealed = result.problems.find((p) =>
        p.reason.startsWith(`the seal in seals/2019-20-${COMMUNITY}.json has ${stream}`),
      );
      expect(sealed).toMatchObject({
        file: expect.stringMatching(new RegExp(`^events/${stream}/\\d{6}\\.json$`)),
        event: expect.objectContaining({ streamId: stream }),
      });
      // and every figure traced to the forged events no longer finds them with their recorded hashes
      expect(
        result.problems.some(
          (p) => p.file === 'figures.json' && /which the pack does not hold with that hash/.test(p.reason),
        ),
      ).toBe(true);
    });
  });

  it('holds every term of a figure made of more than a page of them (a trace answers 100 at a time)', async () => {
    for (let i = 0; i < 101; i++) {
      await as.acute
        .post(
          `/interventions/${INTERVENTION}/costs`,
          costBody({ costId: `c-2020-${i}`, amountPence: 1_000 + i, financialYear: '2020/21' }),
        )
        .expect(201);
    }
    const r = await pack(as.auditor, `organisationId=${ACUTE}&financialYear=2020/21`);
    writeFileSync(join(dir, 'acute-2020.tar.gz'), r.body as Buffer);
    const { dir: packDir, cleanup } = await extractPackArchive(join(dir, 'acute-2020.tar.gz'));
    try {
      expect(verifyAuditPack(packDir)).toMatchObject({ ok: true, problems: [] });
      const figures: { id: string; value: number; trace: { terms: unknown[]; events: unknown[] } }[] = JSON.parse(
        readFileSync(join(packDir, 'figures.json'), 'utf8'),
      );
      const invested = figures.find((f) => f.id === 'organisation-value:as-restated:investedPence');
      expect(invested).toBeDefined();
      expect(invested!.value).toBe(101 * 1_000 + (100 * 101) / 2);
      expect(invested!.trace.terms).toHaveLength(101);
      expect(invested!.trace.events).toHaveLength(101);
    } finally {
      cleanup();
    }
  });

  it('says so when the year is not closed for the organisation: figures as they stand', async () => {
    const r = await pack(as.gpFinance, `organisationId=${GP}&financialYear=2019/20`);
    writeFileSync(join(dir, 'gp.tar.gz'), r.body as Buffer);
    const { dir: packDir, cleanup } = await extractPackArchive(join(dir, 'gp.tar.gz'));
    try {
      expect(verifyAuditPack(packDir).ok).toBe(true);
      expect(JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8'))).toMatchObject({
        closed: false,
        close: null,
        closes: [{ scope: { organisationId: COMMUNITY } }],
      });
      expect(readFileSync(join(packDir, 'README.md'), 'utf8')).toContain('2019/20 is not closed for this organisation');
    } finally {
      cleanup();
    }
  });
});
