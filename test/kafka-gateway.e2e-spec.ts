import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { jwtSecretFile, loadConfig, mintToken } from '@benefit-ledger/application';
import { SqliteEventStore, sqliteFile } from '@benefit-ledger/event-store';
import {
  EVENT_HEADERS,
  MESSAGE_ID_HEADER,
  PUBLIC_STREAM_PREFIXES,
  PartnershipStatement,
  TOPICS,
  toPublicEvent,
  topicSpecs,
} from '@benefit-ledger/messaging';
import { createApp } from '../apps/api/src/create-app';
import { GatewayTransport } from '../apps/cli/src/gateway/kafka-transport';
import { RunningGateway, runGateway } from '../apps/cli/src/gateway/run-gateway';
import { InMemoryBroker } from '../libs/messaging/test/support/in-memory-broker.double';
import { FinanceReportIntakeDouble, validReport } from '../libs/messaging/test/support/finance-report-intake.double';
import { readLog } from '@benefit-ledger/testing';
import { runCli } from './support/run-cli';

/**
 * The gateway process as `npm run cli -- gateway` composes it, over a real DATA_DIR filled by the demo (real
 * SQLite log, messaging state and read models); the broker is the in-memory double (see its doc comment)
 * instead of kafkajs, which the integration suites cover against real Kafka.
 */
function doubleTransport(broker: InMemoryBroker): GatewayTransport {
  return {
    producer: () => broker.producer(),
    consumer: (groupId) => broker.consumer(groupId),
    createTopics: () => Promise.resolve(topicSpecs().map((s) => s.topic)),
    describe: () => 'the in-memory broker double',
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the Kafka gateway over the demo (broker: in-memory double)', () => {
  let dataDir: string;
  const gateways: RunningGateway[] = [];
  const lines: string[] = [];
  const start = (broker: InMemoryBroker, options: Partial<Parameters<typeof runGateway>[2]> = {}) =>
    runGateway(
      loadConfig({ DATA_DIR: dataDir }),
      doubleTransport(broker),
      {
        relay: true,
        consumer: false,
        consumerGroup: 'finance',
        createTopicsWithReplication: null,
        intake: null,
        ...options,
      },
      (line) => lines.push(line),
    ).then((g) => {
      gateways.push(g);
      return g;
    });
  const head = async () => {
    const store = new SqliteEventStore(sqliteFile(dataDir));
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-gateway-'));
    expect(runCli(['demo'], { DATA_DIR: dataDir }).status).toBe(0);
  });
  afterEach(async () => {
    for (const g of gateways.splice(0)) await g.stop();
    lines.length = 0;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('publishes every event of the demo and the partnership statement the API answers, then checkpoints at the head', async () => {
    const broker = new InMemoryBroker();
    const gateway = await start(broker, { createTopicsWithReplication: 1 });
    const target = await head();
    await until(() => (gateway.relay!.current()?.position ?? 0) >= target, 'the relay at the head');

    const store = new SqliteEventStore(sqliteFile(dataDir));
    const log = await readLog(store);
    await store.close();
    // every event the public contract covers, and nothing else (the demo's unit-cost catalogue stays inside)
    const published = log.filter(
      (e) => toPublicEvent(e) !== null && PUBLIC_STREAM_PREFIXES.some((p) => e.streamId.startsWith(p)),
    );
    expect(published.length).toBeLessThan(log.length);
    expect(
      broker
        .acknowledged(TOPICS.events)
        .map((r) => r.headers[EVENT_HEADERS.eventId])
        .sort(),
    ).toEqual(published.map((e) => e.eventId).sort());

    const statements: PartnershipStatement[] = broker.acknowledged(TOPICS.statements).map((r) => JSON.parse(r.value));
    expect(statements.map((s) => s.statementKey)).toEqual(['riverside-lean-care|2019/20']);
    const { app } = await createApp(loadConfig({ DATA_DIR: dataDir }), false);
    await app.init();
    try {
      const token = await mintToken(readFileSync(jwtSecretFile(dataDir), 'utf8').trim(), {
        sub: 'auditor@example.nhs.uk',
        role: 'auditor',
        organisationId: 'west-riding-icb',
      });
      const api = await request(app.getHttpServer())
        .get('/partnerships/riverside-lean-care/attribution?financialYear=2019/20')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(statements[0].attributedPence).toBe(api.body.attributedPence.pence);
      expect(statements[0].members.map((m) => [m.organisationId, m.attributedPence])).toEqual(
        api.body.members.map((m: { organisationId: string; attributedPence: { pence: number } }) => [
          m.organisationId,
          m.attributedPence.pence,
        ]),
      );
      expect(statements[0].costsPence).toBe(api.body.costs.totalPence.pence);
    } finally {
      await app.close();
    }
    expect(lines).toContain(
      'gateway: created topics benefit-ledger.events.v1, benefit-ledger.partnership-statements.v1, benefit-ledger.finance-reports.v1, benefit-ledger.finance-reports.v1.dlq',
    );
  });

  it('says plainly when the finance-report consumer has no intake, and runs it once one is given', async () => {
    await expect(start(new InMemoryBroker(), { relay: false, consumer: true })).rejects.toThrow(
      /^nothing to run: the relay is off/,
    );
    expect(lines).toContain('gateway: finance-report consumer not started: no finance-report intake given');

    const broker = new InMemoryBroker();
    const intake = new FinanceReportIntakeDouble();
    await start(broker, { relay: false, consumer: true, intake: () => intake });
    expect(lines).toContain('gateway: the in-memory broker double; finance-report consumer running');
    broker.publish(TOPICS.financeReports, [
      {
        key: 'x',
        value: JSON.stringify(validReport('riverside-teaching-hospitals', 1_00)),
        headers: { [MESSAGE_ID_HEADER]: 'cip-1' },
      },
    ]);
    await until(
      () => broker.committed('finance', TOPICS.financeReports, broker.partitionOf('x')) === 1,
      'the report committed',
    );
    expect([...intake.accepted.keys()]).toEqual(['cip-1']);
  });

  it('is off without KAFKA_BROKERS: the compiled CLI says so and exits non-zero', () => {
    const r = runCli(['gateway'], { DATA_DIR: dataDir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'error: KAFKA_BROKERS is not set: the Kafka gateway is off (the API and everything else run without it)\n',
    );
    expect(runCli(['gateway', '--help'], {}).stdout).toContain('--create-topics');
    const bad = runCli(['gateway'], { DATA_DIR: dataDir, KAFKA_BROKERS: 'not a broker' });
    expect(bad.stderr).toContain("KAFKA_BROKERS must be host:port[,host:port…], got 'not a broker'");
  });

  it('refuses a second gateway on the same DATA_DIR while one runs, and says why', async () => {
    const broker = new InMemoryBroker();
    await start(broker);
    await expect(start(broker)).rejects.toThrow(
      /another gateway is running on this DATA_DIR .* run exactly one gateway per log/,
    );
  });
});
