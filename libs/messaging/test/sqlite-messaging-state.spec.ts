import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_CHECKPOINT, SqliteMessagingState } from '../src';
import { describeMessagingStateContract } from './messaging-state.contract';

const dir = mkdtempSync(join(tmpdir(), 'ledger-messaging-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeMessagingStateContract('SQLite (embedded, temporary file)', () =>
  Promise.resolve(new SqliteMessagingState(join(dir, 'messaging.sqlite'))),
);

describe('SQLite messaging state', () => {
  it('starts with no checkpoint and keeps a saved one across a reopen (a restart)', async () => {
    const file = join(dir, 'restart.sqlite');
    const first = new SqliteMessagingState(file);
    expect(await first.relayCheckpoint()).toEqual(NO_CHECKPOINT);
    await first.saveRelayCheckpoint({ position: 42, statements: { 'p|2024/25': 'b'.repeat(64) } }, -1);
    await first.close();
    const reopened = new SqliteMessagingState(file);
    expect(await reopened.relayCheckpoint()).toEqual({
      revision: 0,
      position: 42,
      statements: { 'p|2024/25': 'b'.repeat(64) },
    });
    await reopened.close();
  });
});
