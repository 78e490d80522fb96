import { ConsumerStep, DEAD_LETTER_HEADERS, MESSAGE_ID_HEADER, MessagingState } from '../src';
import { DoubleBrokerUnderTest } from './support/broker-under-test';
import { CommitInvariant } from './support/commit-invariant';
import { ConsumerRig, reportMessage, stateWith } from './support/consumer-rig';
import { InMemoryBroker, ProduceOutcome, dieMidBatch, hang, lateAck, refuse } from './support/in-memory-broker.double';
import { validReport } from './support/finance-report-intake.double';

/**
 * The finance-report consumer when things fail (the in-memory broker double injects broker failures; the
 * intake double injects ledger outages), over the real SQLite messaging state. After every scenario: each
 * report is in the ledger once, each bad message is in the dead-letter topic, everything is committed, and
 * no offset was committed before its message was accepted or its dead-letter copy acknowledged.
 */
describe('finance-report consumer under failures (in-memory broker double)', () => {
  let broker: InMemoryBroker;
  let rig: ConsumerRig;
  let invariant: CommitInvariant;
  const failures: ConsumerStep[] = [];

  beforeEach(() => {
    broker = new InMemoryBroker();
    rig = new ConsumerRig(new DoubleBrokerUnderTest(broker));
    invariant = new CommitInvariant(broker, rig.broker.topics, rig.intake);
    failures.length = 0;
  });
  afterEach(() => rig.close());

  const start = (state?: MessagingState) =>
    rig.start({ onHandled: invariant.afterCommit, onFailure: (step) => failures.push(step) }, state);
  const poisonAndGood = () =>
    rig.publish(
      reportMessage('good-1', validReport('org-1', 10_00)),
      reportMessage('bad-1', { organisationId: 'org-2' }),
      reportMessage('good-2', validReport('org-3', 20_00)),
    );
  const expectAllHandled = async () => {
    expect(invariant.violations).toEqual([]);
    expect(invariant.checks).toBeGreaterThan(0);
    expect([...rig.intake.accepted.keys()].sort()).toEqual(['good-1', 'good-2']);
    const dead = broker.acknowledged(rig.broker.topics.financeReportsDeadLetter);
    expect(new Set(dead.map((d) => d.headers[MESSAGE_ID_HEADER]))).toEqual(new Set(['bad-1']));
    expect(dead[0].headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^400: /);
    expect((await rig.broker.committed(rig.groupId, rig.broker.topics.financeReports)).reduce((a, b) => a + b, 0)).toBe(
      3,
    );
  };

  const deadLetterFailures: [string, ProduceOutcome[]][] = [
    ['refuses the dead-letter write twice', [refuse(), refuse()]],
    ['never answers the dead-letter write', [hang()]],
    ['acknowledges the dead-letter write late', [lateAck(120)]],
    ['dies writing the dead letter', [dieMidBatch(0)]],
  ];

  it.each(deadLetterFailures)(
    'a broker that %s: the offset waits for the acknowledged copy; consumption goes on',
    async (_name, schedule) => {
      broker.scheduleProduce(...schedule);
      await poisonAndGood();
      start();
      await rig.untilHandled(3);
      await expectAllHandled();
      expect(failures.filter((f) => f === 'dead-letter')).toHaveLength(schedule.length);
    },
  );

  it('waits out a ledger outage on the same message, in order, and dead-letters nothing for it', async () => {
    rig.intake.failNext(3);
    await poisonAndGood();
    start();
    await rig.untilHandled(3);
    await expectAllHandled();
    expect(failures).toEqual(['intake', 'intake', 'intake']);
    expect(rig.intake.calls).toEqual(['good-1', 'good-1', 'good-1', 'good-1', 'bad-1', 'good-2']);
  });

  it('a refused commit: the message comes again and is dropped as a duplicate', async () => {
    broker.scheduleCommits('ok', 'fail');
    await poisonAndGood();
    start();
    await rig.untilHandled(3);
    await expectAllHandled();
    expect(failures).toEqual(['commit']);
    expect(rig.handled.map((h) => [h.message.headers[MESSAGE_ID_HEADER], h.outcome])).toEqual([
      ['good-1', 'accepted'],
      ['bad-1', 'duplicate'],
      ['good-2', 'accepted'],
    ]);
    expect(broker.acknowledged(rig.broker.topics.financeReportsDeadLetter)).toHaveLength(1);
  });

  it('retries remembering a message when the state store fails', async () => {
    let failing = 2;
    start(
      stateWith(rig.state, {
        rememberConsumed: async (record) => {
          if (failing-- > 0) throw new Error('injected: messaging state unavailable');
          return rig.state.rememberConsumed(record);
        },
      }),
    );
    await poisonAndGood();
    await rig.untilHandled(3);
    await expectAllHandled();
    expect(failures).toEqual(['remember', 'remember']);
  });

  it('killed after the dead letter was acknowledged but before it was remembered: dead-lettered again, same message id, then committed', async () => {
    await poisonAndGood();
    let kill: () => void = () => undefined;
    const first = start(
      stateWith(rig.state, {
        rememberConsumed: async (record) => {
          if (record.outcome === 'dead-lettered') {
            kill(); // the process dies before this write
            throw new Error('killed');
          }
          return rig.state.rememberConsumed(record);
        },
      }),
    );
    kill = () => void first.stop();
    await rig.stopped();
    expect(broker.acknowledged(rig.broker.topics.financeReportsDeadLetter)).toHaveLength(1);
    expect(await rig.state.consumed(rig.broker.topics.financeReports, 'bad-1')).toBeNull();

    start();
    await rig.untilHandled(3);
    await expectAllHandled();
    const copies = broker.acknowledged(rig.broker.topics.financeReportsDeadLetter);
    expect(copies).toHaveLength(2); // at-least-once into the dead-letter topic too …
    expect(
      new Set(copies.map((c) => `${c.headers[MESSAGE_ID_HEADER]} ${c.headers[DEAD_LETTER_HEADERS.originalOffset]}`))
        .size,
    ).toBe(1); // … recognisably the same
  });
});
