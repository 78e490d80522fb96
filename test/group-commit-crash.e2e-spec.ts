import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '@benefit-ledger/application';
import { SqliteEventStore, sqliteFile, verifyLog } from '@benefit-ledger/event-store';
import { freePort } from '@benefit-ledger/testing';
import { RunningApi } from './support/run-api';

/**
 * The durability promise of group commit, on the compiled API in its own process: commands sent at once share
 * commits, and a 201 is sent only after the commit holding its event is on disk. So when the process is killed
 * (SIGKILL: nothing of its own runs) in the middle of a stream of commits, every command answered 201 is in the log.
 * Run with the fast cost lane (the default: these plain cost commands are answered by it) and without it (Nest).
 */

const SECRET = 'group-commit-crash-test-secret-0123456789abcdef';
const ICB = 'icb-crash';
const ACUTE = 'acute-crash';
const INTERVENTIONS = 12;
const CLIENTS = 16;

describe.each(['on', 'off'])('group commit survives a SIGKILL of the API (FAST_COST_LANE=%s)', (lane) => {
  let dataDir: string;
  let api: RunningApi | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every command answered 201 before the kill is in the log, and the log verifies', async () => {
    const port = await freePort();
    api = RunningApi.start({
      DATA_DIR: dataDir,
      PORT: String(port),
      JWT_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      FAST_COST_LANE: lane,
    });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (
      (await fetch(`${url}/health/ready`).then(
        (r) => r.status,
        () => 0,
      )) !== 200
    ) {
      if (Date.now() > deadline || (await Promise.race([api.exited.then(() => true), Promise.resolve(false)])))
        throw new Error('the API did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const post = (token: string, path: string, body: object) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const admin = await mintToken(SECRET, { sub: 'admin@example.nhs.uk', role: 'admin', organisationId: ICB });
    const contributor = await mintToken(SECRET, {
      sub: 'lead@example.nhs.uk',
      role: 'contributor',
      organisationId: ACUTE,
    });
    for (const [organisationId, type] of [
      [ICB, 'icb'],
      [ACUTE, 'acute-trust'],
    ]) {
      expect(
        (await post(admin, '/organisations', { organisationId, name: organisationId, type, system: ICB })).status,
      ).toBe(201);
    }
    for (let i = 0; i < INTERVENTIONS; i += 1) {
      const r = await post(contributor, '/interventions', {
        interventionId: `crash-${i}`,
        title: `Crash ${i}`,
        leadOrganisationId: ACUTE,
        lenses: { economic: true, social: false, strategic: false },
        strategicPriorities: [],
      });
      expect(r.status).toBe(201);
    }

    // CLIENTS clients post costs as fast as they are answered; the kill comes while they still are
    const acknowledged: { eventIds: string[]; costId: string }[] = [];
    let killed = false;
    const client = async (c: number) => {
      for (let n = 0; !killed; n += 1) {
        const body = {
          costType: 'direct',
          category: 'crash test',
          amountPence: 100 + c,
          financialYear: '2019/20',
          bearerOrganisationId: ACUTE,
          source: { system: 'PAS', reference: `c${c}-${n}`, extractedOn: '2020-05-01' },
        };
        const answer = await post(contributor, `/interventions/crash-${(c + n) % INTERVENTIONS}/costs`, body).catch(
          () => null,
        );
        if (answer?.status === 201) acknowledged.push((await answer.json()) as { eventIds: string[]; costId: string });
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 5));
    const pid = api.pid;
    process.kill(pid, 'SIGKILL');
    killed = true;
    await api.exited;
    await Promise.all(clients);

    const store = new SqliteEventStore(sqliteFile(dataDir));
    try {
      const logged = new Map<string, string>();
      for await (const event of store.readAll())
        logged.set(event.eventId, typeof event.data.costId === 'string' ? event.data.costId : '');
      const missing = acknowledged.filter((a) => a.eventIds.some((id) => !logged.has(id)));
      expect(missing).toEqual([]);
      for (const a of acknowledged) expect(logged.get(a.eventIds[a.eventIds.length - 1])).toBe(a.costId);
      // commands in flight at the kill may be in the log unanswered, never the other way round
      const costs = [...logged.values()].filter((costId) => costId !== '').length;
      expect(costs).toBeGreaterThanOrEqual(acknowledged.length);
      expect((await verifyLog(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
  }, 180_000);
});
