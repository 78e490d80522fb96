import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor } from '@benefit-ledger/domain';
import { SqliteEventStore } from '@benefit-ledger/event-store';
import { eventMetadata } from '../src/commands/stream-command-runner';
import { deterministicIds, idempotencyStreamId, legacyIdempotencyStreamId } from '../src/idempotency/idempotency-key';
import {
  IDEMPOTENT_RESPONSE_RECORDED,
  IdempotencyRecords,
  RecordedResponse,
} from '../src/idempotency/idempotency-records';

/** Idempotency-Keys belong to (user, organisation, role), on a real SQLite store; answers recorded by user alone are still found. */
describe('IdempotencyRecords scoped by user, organisation and role', () => {
  let dir: string;
  let store: SqliteEventStore;
  let records: IdempotencyRecords;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-idempotency-'));
    store = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    records = new IdempotencyRecords(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ann: Actor = { userId: 'ann', organisationId: 'acute-a', role: 'contributor' };
  const annElsewhere: Actor = { ...ann, organisationId: 'gp-c' };
  const annAsFinance: Actor = { ...ann, role: 'finance' };
  const answer: RecordedResponse = {
    requestHash: 'h1',
    method: 'POST',
    path: '/interventions/int-1/costs',
    statusCode: 201,
    body: { costId: 'c-1' },
  };
  const context = (eventId: string) => ({
    now: new Date('2024-06-01T09:00:00Z'),
    eventId,
    correlationId: 'c',
    causationId: 'c',
  });

  it('given an answer recorded for ann at acute-a, when ann asks for another organisation or role, then the key is new there', async () => {
    await records.record(ann, 'k', answer, context(deterministicIds(ann, 'k').responseEventId));
    await expect(records.lookup(ann, 'k', 'h1')).resolves.toEqual({
      kind: 'replay',
      statusCode: 201,
      body: { costId: 'c-1' },
    });
    await expect(records.lookup(annElsewhere, 'k', 'h1')).resolves.toEqual({ kind: 'new' });
    await expect(records.lookup(annAsFinance, 'k', 'h1')).resolves.toEqual({ kind: 'new' });
  });

  it('gives each scope its own stream and its own command ids', () => {
    const streams = new Set([ann, annElsewhere, annAsFinance].map((a) => idempotencyStreamId(a, 'k')));
    const eventIds = new Set([ann, annElsewhere, annAsFinance].map((a) => deterministicIds(a, 'k').eventIdAt(0)));
    expect(streams.size).toBe(3);
    expect(eventIds.size).toBe(3);
    // a user id with a newline cannot pose as another (user, organisation) pair
    expect(idempotencyStreamId({ userId: 'ann\nacute-a', organisationId: 'x', role: 'contributor' }, 'k')).not.toBe(
      idempotencyStreamId({ userId: 'ann', organisationId: 'acute-a\nx', role: 'contributor' }, 'k'),
    );
  });

  it('given an answer an older version recorded under the user alone, when the same organisation and role ask, then it is still replayed (or the key reused)', async () => {
    await store.append(
      legacyIdempotencyStreamId('ann', 'old-key'),
      [
        {
          eventId: '00000000-0000-8000-8000-000000000001',
          type: IDEMPOTENT_RESPONSE_RECORDED,
          data: { ...answer },
          metadata: eventMetadata({
            now: new Date('2023-01-01T00:00:00Z'),
            actor: ann,
            correlationId: 'c',
            causationId: 'c',
          }),
        },
      ],
      'no_stream',
    );
    await expect(records.lookup(ann, 'old-key', 'h1')).resolves.toEqual({
      kind: 'replay',
      statusCode: 201,
      body: { costId: 'c-1' },
    });
    await expect(records.lookup(ann, 'old-key', 'h2')).resolves.toEqual({
      kind: 'reused',
      first: { method: 'POST', path: answer.path },
    });
    await expect(records.lookup(annElsewhere, 'old-key', 'h1')).resolves.toEqual({ kind: 'new' });
    await expect(records.lookup(annAsFinance, 'old-key', 'h1')).resolves.toEqual({ kind: 'new' });
  });
});
