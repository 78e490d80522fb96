import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '@benefit-ledger/application';
import { SqliteEventStore, sqliteFile } from '@benefit-ledger/event-store';
import {
  DEAD_LETTER_HEADERS,
  FinanceReportIntake,
  MESSAGE_ID_HEADER,
  TOPICS,
  topicSpecs,
} from '@benefit-ledger/messaging';
import { Core, openCore } from '../apps/cli/src/application-context';
import { FINANCE_REPORTS_INTEGRATION, financeReportIntake } from '../apps/cli/src/gateway/finance-report-intake';
import { RunningGateway, runGateway } from '../apps/cli/src/gateway/run-gateway';
import { InMemoryBroker } from '../libs/messaging/test/support/in-memory-broker.double';
import { runCli } from './support/run-cli';

const ACUTE = 'riverside-teaching-hospitals';
const origin = { topic: TOPICS.financeReports, partition: 0, offset: '7' };
const report = (over: Record<string, unknown> = {}) => ({
  organisationId: ACUTE,
  financialYear: '2020/21',
  totalPence: 300_000,
  lines: [
    { lineId: 'CIP-1', description: 'Theatre utilisation', amountPence: 300_000, cashReleasing: true, recurrent: true },
  ],
  source: { system: 'Finance CIP tracker', reference: 'M12-2021' },
  ...over,
});

/**
 * Finance reports arriving over Kafka, through the real intake (the same validation and command handler as
 * `POST /finance/reports`) over a real DATA_DIR filled by the demo.
 */
describe('the finance-report intake (Kafka in): the same validation and command as the HTTP API', () => {
  let dataDir: string;
  let core: Core;
  let intake: FinanceReportIntake;
  const logLength = () => {
    const db = new Database(sqliteFile(dataDir), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const reportsOf = async () =>
    (await core.store.readStream(`finance-report-${ACUTE}-2020-21`)).filter((e) => e.type === 'WasteReductionReported');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-intake-'));
    expect(runCli(['demo'], { DATA_DIR: dataDir }).status).toBe(0);
    core = await openCore(loadConfig({ DATA_DIR: dataDir }), 'live');
    intake = financeReportIntake(core);
  });
  afterAll(async () => {
    await core.context.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts a valid report as finance of its organisation, by the integration, with the message as correlation', async () => {
    expect(await intake.accept({ messageId: 'cip-2021-m12', body: report(), origin })).toEqual({ outcome: 'accepted' });
    const [reported] = await reportsOf();
    expect(reported.data).toMatchObject({
      organisationId: ACUTE,
      financialYear: '2020/21',
      totalPence: 300_000,
      version: 1,
    });
    expect(reported.metadata).toMatchObject({
      actor: { userId: FINANCE_REPORTS_INTEGRATION, role: 'finance', organisationId: ACUTE },
      correlationId: 'cip-2021-m12',
      causationId: `kafka:${TOPICS.financeReports}/0/7`,
    });
  });

  it('answers the same message again as a duplicate and appends nothing; the same id with another body is refused', async () => {
    const before = logLength();
    expect(await intake.accept({ messageId: 'cip-2021-m12', body: report(), origin })).toEqual({
      outcome: 'duplicate',
    });
    expect(logLength()).toBe(before);
    expect(
      await intake.accept({
        messageId: 'cip-2021-m12',
        body: report({
          totalPence: 1,
          lines: [{ lineId: 'x', description: 'x', amountPence: 1, cashReleasing: false, recurrent: false }],
        }),
        origin,
      }),
    ).toEqual({
      outcome: 'rejected',
      reason: "409: message-id 'cip-2021-m12' was already used for a different report",
    });
    expect(logLength()).toBe(before);
  });

  it.each([
    ['an unknown field', report({ region: 'north' }), /^400: property region should not exist/],
    ['money that is not whole pence', report({ totalPence: 12.5 }), /^400: totalPence must be a whole number of pence/],
    [
      'a malformed year',
      report({ financialYear: '2020-21' }),
      /^400: financialYear must be a financial year like 2019\/20/,
    ],
    ['a total that is not the sum of its lines', report({ totalPence: 299_999 }), /^422: .*totalPence/],
    ['an organisation the ledger does not know', report({ organisationId: 'nowhere-trust' }), /^400: .*organisationId/],
  ])('refuses %s with the HTTP status and reason, appending nothing', async (_what, body, reason) => {
    const before = logLength();
    const outcome = await intake.accept({ messageId: `bad-${Math.random()}`, body, origin });
    expect(outcome.outcome).toBe('rejected');
    expect(outcome.outcome === 'rejected' && outcome.reason).toMatch(reason);
    expect(logLength()).toBe(before);
  });

  it('after a crash between the append and the recorded answer, the message again appends no second report', async () => {
    expect(
      await intake.accept({
        messageId: 'cip-crash',
        body: report({
          totalPence: 400_000,
          lines: [
            { lineId: 'CIP-2', description: 'Beds', amountPence: 400_000, cashReleasing: false, recurrent: true },
          ],
        }),
        origin,
      }),
    ).toEqual({ outcome: 'accepted' });
    const versions = (await reportsOf()).length;
    const db = new Database(sqliteFile(dataDir));
    const removed = db
      .prepare(
        "DELETE FROM events WHERE type = 'IdempotentResponseRecorded' AND position = (SELECT MAX(position) FROM events)",
      )
      .run();
    db.close();
    expect(removed.changes).toBe(1);
    expect(
      await intake.accept({
        messageId: 'cip-crash',
        body: report({
          totalPence: 400_000,
          lines: [
            { lineId: 'CIP-2', description: 'Beds', amountPence: 400_000, cashReleasing: false, recurrent: true },
          ],
        }),
        origin,
      }),
    ).toEqual({ outcome: 'accepted' });
    expect((await reportsOf()).length).toBe(versions);
  });
});

describe('the gateway with the real intake (broker: in-memory double)', () => {
  let dataDir: string;
  let gateway: RunningGateway;
  const broker = new InMemoryBroker();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-intake-gw-'));
    expect(runCli(['demo'], { DATA_DIR: dataDir }).status).toBe(0);
    gateway = await runGateway(
      loadConfig({ DATA_DIR: dataDir }),
      {
        producer: () => broker.producer(),
        consumer: (groupId) => broker.consumer(groupId),
        createTopics: () => Promise.resolve(topicSpecs().map((s) => s.topic)),
        describe: () => 'the in-memory broker double',
      },
      {
        relay: false,
        consumer: true,
        consumerGroup: 'finance',
        createTopicsWithReplication: null,
        intake: financeReportIntake,
      },
      () => undefined,
    );
  });
  afterAll(async () => {
    await gateway.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records a good report and dead-letters a bad one with the HTTP reason, and never stops', async () => {
    broker.publish(TOPICS.financeReports, [
      { key: ACUTE, value: JSON.stringify(report({ totalPence: 1 })), headers: { [MESSAGE_ID_HEADER]: 'bad-total' } },
      { key: ACUTE, value: JSON.stringify(report()), headers: { [MESSAGE_ID_HEADER]: 'good' } },
    ]);
    const deadline = Date.now() + 15_000;
    while (broker.committed('finance', TOPICS.financeReports, broker.partitionOf(ACUTE)) < 2) {
      if (Date.now() > deadline) throw new Error('timed out waiting for both messages to be committed');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const [dead] = broker.acknowledged(`${TOPICS.financeReports}.dlq`);
    expect(dead.headers[MESSAGE_ID_HEADER]).toBe('bad-total');
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^422: /);
    const store = new SqliteEventStore(sqliteFile(dataDir));
    try {
      const reported = (await store.readStream(`finance-report-${ACUTE}-2020-21`)).filter(
        (e) => e.type === 'WasteReductionReported',
      );
      expect(reported.map((e) => e.metadata.correlationId)).toEqual(['good']);
    } finally {
      await store.close();
    }
  });
});
