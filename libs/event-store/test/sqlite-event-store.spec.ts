import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src';
import { describeEventStoreContract } from './event-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract(
  'SQLite (embedded, temporary file)',
  () =>
    new Promise((resolve) => {
      resolve(new SqliteEventStore(join(dir, 'ledger.sqlite')));
    }),
);
