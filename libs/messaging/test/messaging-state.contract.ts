import { randomUUID } from 'node:crypto';
import { CheckpointConflictError, MessagingState } from '../src';

/**
 * The contract both messaging-state adapters pass: SQLite (sqlite-messaging-state.spec.ts) and EventStoreDB
 * (eventstoredb-messaging-state.integration-spec.ts). Message ids are unique per run, and the checkpoint
 * assertions are relative to what is stored, so the suite can run against a long-lived server.
 */
export function describeMessagingStateContract(name: string, open: () => Promise<MessagingState>): void {
  describe(`MessagingState contract: ${name}`, () => {
    let state: MessagingState;
    const run = randomUUID().slice(0, 8);
    beforeAll(async () => {
      state = await open();
    });
    afterAll(() => state.close());

    it('saves the relay checkpoint compare-and-set on its revision and reads it back', async () => {
      const before = await state.relayCheckpoint();
      const revision = await state.saveRelayCheckpoint(
        { position: before.position + 7, statements: { 'p-1|2024/25': 'a'.repeat(64) } },
        before.revision,
      );
      expect(revision).toBe(before.revision + 1);
      expect(await state.relayCheckpoint()).toEqual({
        revision,
        position: before.position + 7,
        statements: { 'p-1|2024/25': 'a'.repeat(64) },
      });
      const next = await state.saveRelayCheckpoint({ position: before.position + 9, statements: {} }, revision);
      expect(next).toBe(revision + 1);
    });

    it('refuses a save at a stale revision (another relay) and keeps what is stored', async () => {
      const stored = await state.relayCheckpoint();
      const saving = state.saveRelayCheckpoint(
        { position: stored.position + 100, statements: {} },
        stored.revision - 1,
      );
      await expect(saving).rejects.toBeInstanceOf(CheckpointConflictError);
      await expect(saving).rejects.toThrow(/another relay/);
      expect(await state.relayCheckpoint()).toEqual(stored);
    });

    it('remembers consumed messages per topic; the first record stands', async () => {
      const topic = `finance-reports-${run}`;
      expect(await state.consumed(topic, 'm-1')).toBeNull();
      const first = {
        topic,
        messageId: 'm-1',
        outcome: 'dead-lettered' as const,
        reason: '400: totalPence must be a whole number',
        consumedAt: '2026-01-02T03:04:05.000Z',
      };
      await state.rememberConsumed(first);
      await state.rememberConsumed({ ...first, outcome: 'accepted', reason: null });
      expect(await state.consumed(topic, 'm-1')).toEqual(first);
      expect(await state.consumed(`${topic}-other`, 'm-1')).toBeNull();
      expect(await state.consumed(topic, 'm-2')).toBeNull();
    });
  });
}
