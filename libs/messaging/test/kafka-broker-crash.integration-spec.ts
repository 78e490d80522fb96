import { logLevel } from 'kafkajs';
import {
  ConsumerStep,
  EVENT_HEADERS,
  FinanceReportConsumerOptions,
  FinanceReportMessage,
  RelayStep,
  isPublished,
} from '../src';
import { LedgerWriter } from '@benefit-ledger/testing';
import { ConsumerRig, reportMessage } from './support/consumer-rig';
import { ControlledKafkaBroker } from './support/controlled-kafka-broker';
import { validReport } from './support/finance-report-intake.double';
import { KafkaBrokerUnderTest } from './support/kafka-broker-under-test';
import { RelayRig, RigTiming, deliveredByStream, expectedByStream, statementsIn } from './support/relay-rig';
import { ORGS, validateMore, writeSampleLedger } from './support/sample-ledger';

/**
 * The relay, then the finance-report consumer, through a real broker crash: part-way through, the broker is
 * killed with SIGKILL (no clean shutdown) and started again on the same storage and port. The relay and the
 * consumer, and their kafkajs clients, are the ones that were running: they must find the broker again by
 * themselves. Runs when KAFKA_BROKERS is set, like the other Kafka suites, on a broker of its own that it starts
 * through test/kafka-broker/kafka-broker.sh (support/controlled-kafka-broker.ts): if it cannot, it fails.
 * Real SQLite log, read models, relay checkpoint and consumed ids in temporary directories.
 */
jest.setTimeout(240_000);

const TIMING: RigTiming = {
  // Small batches, so the relay is part-way through the log when the broker dies; a send the dead broker never
  // answers is given up after 3 s and sent again after the backoff.
  relay: { maxBatch: 10, lingerMs: 5, sendTimeoutMs: 3_000, backoff: { initialMs: 100, maxMs: 1_000 } },
  readModelWaitMs: 5_000,
};
const CONSUMER_TIMING: Partial<FinanceReportConsumerOptions> = {
  sendTimeoutMs: 3_000,
  backoff: { initialMs: 100, maxMs: 1_000 },
};

const STREAMS = ['crash-1', 'crash-2', 'crash-3', 'crash-4'];

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Appends a measurement to each stream in turn, every few milliseconds, until stopped: the ledger goes on. */
function keepWriting(writer: LedgerWriter, from: number) {
  const stopping = new AbortController();
  let n = from;
  const done = (async () => {
    while (!stopping.signal.aborted) {
      await writer.measurement(STREAMS[n % STREAMS.length], `m-${n}`);
      n += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  done.catch(() => undefined); // a failed write is thrown by stop()
  return {
    written: () => n - from,
    stop: async () => {
      stopping.abort();
      await done;
    },
  };
}

describe('a broker killed with SIGKILL and restarted on the same storage and port (real Kafka)', () => {
  let broker: ControlledKafkaBroker | undefined;
  let closeRig: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    broker = await ControlledKafkaBroker.start();
  });
  afterEach(async () => {
    await closeRig?.();
    closeRig = null;
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('the relay resumes by itself once the broker is back: no event lost, each stream in order once duplicates are dropped', async () => {
    const kafka = await KafkaBrokerUnderTest.open([broker!.bootstrap]);
    const rig = RelayRig.open(kafka, TIMING);
    closeRig = () => rig.close();
    await writeSampleLedger(rig.writer);
    for (const stream of STREAMS) await rig.writer.intervention(stream, ORGS.acute);
    for (let n = 0; n < 200; n += 1) await rig.writer.measurement(STREAMS[n % STREAMS.length], `m-${n}`); // a backlog of 20 batches

    let checkpoints = 0;
    const failures: RelayStep[] = [];
    const relay = await rig.startRelay({
      onCheckpoint: () => {
        checkpoints += 1;
      },
      onFailure: (step) => failures.push(step),
    });
    const writing = keepWriting(rig.writer, 200);
    await until(() => checkpoints >= 3, 'three checkpoints before the kill');

    kafka.setLogLevel(logLevel.NOTHING); // the connection errors to come are the point of the test
    await broker!.kill();
    const killedAt = relay.current()!.position;
    expect(killedAt).toBeLessThan(await rig.head()); // mid-relay: there was more to publish

    await until(() => failures.includes('publish events'), 'the relay to fail a send to the dead broker');
    const heldAt = relay.current()!.position;
    const writtenWhileDown = writing.written();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(relay.current()!.position).toBe(heldAt); // nothing is checkpointed while nothing can be acknowledged
    await broker!.restart();
    expect(writing.written()).toBeGreaterThan(writtenWhileDown); // the ledger took writes while the broker was down

    await until(() => relay.current()!.position > heldAt, 'the relay to publish again after the restart');
    kafka.setLogLevel(logLevel.WARN);
    await writing.stop();
    await validateMore(rig.writer, 'after-restart', 20_000_00); // a statement that changes after the crash
    await rig.caughtUp(relay, 120_000);

    const log = await rig.log();
    const records = await rig.broker.read(rig.broker.topics.events);
    expect(deliveredByStream(records)).toEqual(expectedByStream(log));
    expect(records.length).toBeGreaterThanOrEqual(log.filter((e) => isPublished(e.type)).length);
    const valueOf = new Map<string, string>(); // a duplicate is the same message again
    for (const r of records) {
      const id = r.headers[EVENT_HEADERS.eventId];
      expect(valueOf.get(id) ?? r.value).toBe(r.value);
      valueOf.set(id, r.value);
    }
    expect(failures.every((step) => step === 'publish events' || step === 'publish statements')).toBe(true);

    const statements = statementsIn(await rig.broker.read(rig.broker.topics.statements));
    expect(statements[statements.length - 1].attributedPence).toBe(60_000_00); // 50,000.00 + half of 20,000.00
    expect((await rig.state.relayCheckpoint()).position).toBe(await rig.head());
  });

  it('the finance-report consumer goes on by itself once the broker is back: each report taken in once, every offset committed', async () => {
    const kafka = await KafkaBrokerUnderTest.open([broker!.bootstrap]);
    const rig = new ConsumerRig(kafka, CONSUMER_TIMING);
    closeRig = () => rig.close();
    const before = Array.from({ length: 40 }, (_, i) => `before-${i}`);
    await rig.publish(...before.map((id, i) => reportMessage(id, validReport(`org-${i}`, (i + 1) * 100))));

    // The eleventh report reaches the intake as the broker dies: it is taken in and remembered, then its commit
    // fails (once kafkajs has used up its retries); the broker stays down until then.
    // a holder, not a `let`: it is set inside the intake's callback, where the compiler's narrowing cannot follow
    const brokerKill: { done: Promise<void> | null } = { done: null };
    const accept = rig.intake.accept.bind(rig.intake);
    rig.intake.accept = async (message: FinanceReportMessage) => {
      if (rig.intake.calls.length === 10 && !brokerKill.done) {
        kafka.setLogLevel(logLevel.NOTHING); // the connection errors to come are the point of the test
        brokerKill.done = broker!.kill();
        await brokerKill.done;
      }
      return accept(message);
    };
    const failures: ConsumerStep[] = [];
    rig.start({ onFailure: (step) => failures.push(step) });
    let ended: unknown = null;
    rig.stopped().then(
      () => {
        ended = 'stopped';
      },
      (error: unknown) => {
        ended = error;
      },
    );
    await until(() => brokerKill.done !== null, 'the eleventh report');
    await brokerKill.done;
    expect(rig.intake.accepted.size).toBeLessThan(before.length); // part-way through
    await until(() => failures.includes('commit'), 'the commit to fail against the dead broker');

    await broker!.restart();
    const after = Array.from({ length: 20 }, (_, i) => `after-${i}`);
    await rig.publish(...after.map((id, i) => reportMessage(id, validReport(`org-after-${i}`, (i + 1) * 100))));
    const all = [...before, ...after];
    await until(
      () => rig.intake.accepted.size === all.length || ended !== null,
      'every report to be taken in',
      120_000,
    );
    kafka.setLogLevel(logLevel.WARN);
    expect(ended).toBeNull(); // the consumer did not give up
    expect([...rig.intake.accepted.keys()].sort()).toEqual([...all].sort());
    // The report whose commit failed came again and was dropped by its message id: never a second report.
    expect(rig.handled.filter((h) => h.outcome === 'duplicate').length).toBeGreaterThanOrEqual(1);
    for (const id of all) expect(rig.intake.calls.filter((c) => c === id)).toHaveLength(1);
    await until(
      async () =>
        (await rig.broker.committed(rig.groupId, rig.broker.topics.financeReports)).reduce((a, b) => a + b, 0) ===
        all.length,
      'every offset to be committed',
    );
    expect(failures.every((step) => step === 'commit')).toBe(true);
  });
});
