import { closeSync, copyFileSync, mkdirSync, openSync, readSync, renameSync, rmdirSync, writeSync } from 'node:fs';
import { Projector } from '@benefit-ledger/projections';
import { sqliteFile } from '@benefit-ledger/event-store';
import { TestApp } from './support/test-app';

/** /health/ready answers 503 naming the check at fault while the ledger file is not usable, and 200 again once it is. */
describe('health: liveness and readiness', () => {
  let t: TestApp;
  let ledger: string;

  beforeAll(async () => {
    t = await TestApp.start();
    ledger = sqliteFile(t.config.dataDir);
  });
  afterAll(() => t.stop());

  const ready = () => t.http.get('/health/ready');

  async function expectNotReady(check: string, message: RegExp) {
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({
      statusCode: 503,
      status: 'error',
      error: { [check]: { status: 'down', message: expect.stringMatching(message) } },
    });
    expect(r.headers['x-correlation-id']).toEqual(expect.any(String));
    return r.body;
  }

  async function expectReady() {
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'ok',
      error: {},
      info: { store: { status: 'up' }, readModels: { status: 'up' }, disk: { status: 'up' } },
    });
  }

  it('keeps /health as it answered, and /health/live says the process is up, without a token', async () => {
    await t.http.get('/health').expect(200, { status: 'ok' });
    const live = await t.http.get('/health/live').expect(200);
    expect(live.body).toMatchObject({
      status: 'ok',
      info: { process: { status: 'up', uptimeSeconds: expect.any(Number) } },
    });
    expect(live.headers['cache-control']).toContain('no-store');
  });

  it('is ready on a fresh store, saying where the log ends, how far behind the read models are and the disk space', async () => {
    await (
      await t.as('admin', 'icb-west')
    )
      .post('/organisations', { organisationId: 'icb-west', name: 'ICB West', type: 'icb' })
      .expect(201);
    await t.app.get(Projector).caughtUp();
    const r = await ready().expect(200);
    expect(r.body.info).toEqual({
      store: { status: 'up' },
      readModels: { status: 'up', lagEvents: 0, maxLagEvents: 1000 },
      disk: { status: 'up', freeMb: expect.any(Number), minFreeMb: 100 },
    });
  });

  it('is not ready while the ledger file is moved away, and ready again once it is back', async () => {
    renameSync(ledger, `${ledger}.away`);
    try {
      const body = await expectNotReady('store', /is gone/);
      // the other checks still answer, so the failing one is plain
      expect(body.info).toMatchObject({ readModels: { status: 'up' }, disk: { status: 'up' } });
    } finally {
      renameSync(`${ledger}.away`, ledger);
    }
    await expectReady();
  });

  it('is not ready while a directory stands where the ledger file was', async () => {
    renameSync(ledger, `${ledger}.away`);
    mkdirSync(ledger);
    try {
      await expectNotReady('store', /is not a file/);
    } finally {
      rmdirSync(ledger);
      renameSync(`${ledger}.away`, ledger);
    }
    await expectReady();
  });

  it('is not ready while another file, even a copy, stands where the ledger file was (the API holds the old one open)', async () => {
    copyFileSync(ledger, `${ledger}.copy`);
    renameSync(ledger, `${ledger}.away`);
    renameSync(`${ledger}.copy`, ledger);
    try {
      await expectNotReady('store', /not the file the API opened/);
    } finally {
      renameSync(`${ledger}.away`, ledger); // the original back over the copy
    }
    await expectReady();
  });

  it('is not ready while the ledger file does not start as an SQLite database', async () => {
    const fd = openSync(ledger, 'r+');
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    try {
      writeSync(fd, Buffer.alloc(16), 0, 16, 0);
      await expectNotReady('store', /does not start as an SQLite database/);
    } finally {
      writeSync(fd, header, 0, 16, 0);
      closeSync(fd);
    }
    await expectReady();
  });
});

describe('health: read models behind the log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ readyMaxLagEvents: 0 });
  });
  afterAll(() => t.stop());

  it('is not ready while the read models are more than READY_MAX_LAG_EVENTS behind, and ready once they catch up', async () => {
    const projector = t.app.get(Projector);
    await projector.stop();
    await (
      await t.as('admin', 'icb-west')
    )
      .post('/organisations', { organisationId: 'icb-west', name: 'ICB West', type: 'icb' })
      .expect(201);
    const r = await t.http.get('/health/ready').expect(503);
    expect(r.body.error).toEqual({
      readModels: {
        status: 'down',
        lagEvents: 1,
        maxLagEvents: 0,
        message: expect.stringMatching(/more than 0 events behind the log/),
      },
    });
    expect(r.body.info.store).toEqual({ status: 'up' });

    projector.start();
    await projector.caughtUp();
    const again = await t.http.get('/health/ready').expect(200);
    expect(again.body.info.readModels).toEqual({ status: 'up', lagEvents: 0, maxLagEvents: 0 });
  });
});

describe('health: disk space', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ readyMinFreeDiskMb: Number.MAX_SAFE_INTEGER });
  });
  afterAll(() => t.stop());

  it('is not ready with less free space in DATA_DIR than READY_MIN_FREE_DISK_MB', async () => {
    const r = await t.http.get('/health/ready').expect(503);
    expect(r.body.error).toEqual({
      disk: {
        status: 'down',
        freeMb: expect.any(Number),
        minFreeMb: Number.MAX_SAFE_INTEGER,
        message: expect.stringMatching(/MB free in DATA_DIR, less than READY_MIN_FREE_DISK_MB/),
      },
    });
    expect(r.body.info).toMatchObject({ store: { status: 'up' }, readModels: { status: 'up' } });
  });

  it('still answers /health and /health/live: the process is up, only not ready', async () => {
    await t.http.get('/health').expect(200, { status: 'ok' });
    await t.http.get('/health/live').expect(200);
  });
});
