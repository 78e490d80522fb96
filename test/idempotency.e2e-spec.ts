import Database from 'better-sqlite3';
import { sqliteFile } from '@benefit-ledger/event-store';
import { INTERVENTION, costBody, withSeededSystem } from './support/fixtures';

describe('Idempotency-Key on commands (docs/design.md#integrity)', () => {
  const suite = withSeededSystem();
  const costs = `/interventions/${INTERVENTION}/costs`;
  const costCount = async () =>
    (await suite.as.auditor.get(`/interventions/${INTERVENTION}`).expect(200)).body.costs.length as number;

  it('answers a retry with the first answer and appends nothing', async () => {
    const { t, as } = suite;
    const before = t.logLength();
    const first = await as.acute.post(costs, costBody({ amountPence: 12_345 }), { 'Idempotency-Key': 'retry-1' });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const afterFirst = t.logLength();
    expect(afterFirst).toBe(before + 2); // CostRecorded and the recorded answer

    const retry = await as.acute.post(costs, costBody({ amountPence: 12_345 }), { 'Idempotency-Key': 'retry-1' });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(t.logLength()).toBe(afterFirst);
  });

  it('names a generated id once: the retry answers the same costId, and one cost is recorded', async () => {
    const { as } = suite;
    const n = await costCount();
    const first = await as.acute.post(costs, costBody({ amountPence: 500 }), { 'Idempotency-Key': 'generated-id' });
    const retry = await as.acute.post(costs, costBody({ amountPence: 500 }), { 'Idempotency-Key': 'generated-id' });
    expect(first.body.costId).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry.body.costId).toBe(first.body.costId);
    expect(await costCount()).toBe(n + 1);
  });

  it('refuses the same key with a different body (409) and appends nothing', async () => {
    const { t, as } = suite;
    await as.acute.post(costs, costBody({ amountPence: 1_000 }), { 'Idempotency-Key': 'reused' }).expect(201);
    const before = t.logLength();
    const r = await as.acute.post(costs, costBody({ amountPence: 2_000 }), { 'Idempotency-Key': 'reused' });
    expect(r.status).toBe(409);
    expect(r.body.rule).toBe('idempotency-key-reused');
    expect(r.body.message).toContain(`POST ${costs}`);
    expect(t.logLength()).toBe(before);
  });

  it('does not remember a refusal: a corrected body may be sent with the same key', async () => {
    const { t, as } = suite;
    const before = t.logLength();
    const bad = await as.acute.post(costs, costBody({ amountPence: -1 }), { 'Idempotency-Key': 'fix-and-retry' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('amountPence');
    expect(t.logLength()).toBe(before);
    await as.acute.post(costs, costBody({ amountPence: 1 }), { 'Idempotency-Key': 'fix-and-retry' }).expect(201);
  });

  it('keeps keys per user: another user may use the same key for its own request', async () => {
    const { as } = suite;
    const a = await as.acute
      .post(costs, costBody({ amountPence: 700 }), { 'Idempotency-Key': 'shared-key' })
      .expect(201);
    const b = await as.acuteFinance
      .post(costs, costBody({ amountPence: 800 }), { 'Idempotency-Key': 'shared-key' })
      .expect(201);
    expect(b.body.costId).not.toBe(a.body.costId);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
  });

  it('collapses two identical requests racing with one key into one append', async () => {
    const { t, as } = suite;
    const n = await costCount();
    const before = t.logLength();
    const send = () => as.acute.post(costs, costBody({ amountPence: 900 }), { 'Idempotency-Key': 'race' });
    const [x, y] = await Promise.all([send(), send()]);
    expect([x.status, y.status]).toEqual([201, 201]);
    expect(y.body.costId).toBe(x.body.costId);
    expect(y.body.eventIds).toEqual(x.body.eventIds);
    expect(await costCount()).toBe(n + 1);
    expect(t.logLength()).toBe(before + 2);
  });

  it('lets only one of two different bodies racing with one key succeed; the other is refused with 409', async () => {
    const { as } = suite;
    const n = await costCount();
    const [x, y] = await Promise.all([
      as.acute.post(costs, costBody({ amountPence: 111 }), { 'Idempotency-Key': 'race-different' }),
      as.acute.post(costs, costBody({ amountPence: 222 }), { 'Idempotency-Key': 'race-different' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    expect([x, y].find((r) => r.status === 409)!.body.rule).toBe('idempotency-key-reused');
    expect(await costCount()).toBe(n + 1);
  });

  it('after a crash between the append and the recorded answer, a retry still appends no second cost', async () => {
    const { t, as } = suite;
    const first = await as.acute
      .post(costs, costBody({ amountPence: 4_200 }), { 'Idempotency-Key': 'crash' })
      .expect(201);
    const n = await costCount();
    // Simulate the crash window: the answer was never recorded (remove it with a raw connection).
    const db = new Database(sqliteFile(t.config.dataDir));
    const removed = db
      .prepare(
        "DELETE FROM events WHERE type = 'IdempotentResponseRecorded' AND position = (SELECT MAX(position) FROM events)",
      )
      .run();
    db.close();
    expect(removed.changes).toBe(1);
    const retry = await as.acute.post(costs, costBody({ amountPence: 4_200 }), { 'Idempotency-Key': 'crash' });
    expect(retry.status).toBe(201);
    expect(retry.body.eventIds).toEqual(first.body.eventIds);
    expect(retry.body.position).toBe(first.body.position);
    expect(await costCount()).toBe(n);
  });

  it('refuses a malformed key (400) and appends nothing', async () => {
    const { t, as } = suite;
    const before = t.logLength();
    const r = await as.acute.post(costs, costBody(), { 'Idempotency-Key': 'x'.repeat(201) });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('Idempotency-Key');
    expect(t.logLength()).toBe(before);
  });

  it('is documented on every command in the OpenAPI document', async () => {
    const docs = await suite.t.http.get('/docs-json').expect(200);
    for (const path of ['/organisations', '/interventions/{id}/costs', '/partnerships']) {
      const names = (docs.body.paths[path].post.parameters as { name: string }[]).map((p) => p.name);
      expect(names).toContain('Idempotency-Key');
    }
  });
});
