import { join } from 'node:path';
import { CheckpointConflictError, EventRelay, RelayStep } from '../src';
import { AckInvariant } from './support/ack-invariant';
import { DoubleBrokerUnderTest } from './support/broker-under-test';
import {
  InMemoryBroker,
  ProduceOutcome,
  ack,
  dieMidBatch,
  hang,
  lateAck,
  refuse,
} from './support/in-memory-broker.double';
import { FAST, RelayRig, deliveredByStream, expectedByStream, statementsIn } from './support/relay-rig';
import { validateMore, writeSampleLedger } from './support/sample-ledger';

/**
 * The relay against a broker that fails (the in-memory double injects the failures), on the real SQLite log,
 * read models and messaging state. After every scenario: every public event reached the topic at least once
 * and, once duplicates are dropped by event id, in stream order (no loss); and no checkpoint was ever saved,
 * or found at a failure point, ahead of what the broker acknowledged.
 */
describe('relay under broker failures (in-memory broker double)', () => {
  let broker: InMemoryBroker;
  let rig: RelayRig;
  let invariant: AckInvariant;
  const failures: RelayStep[] = [];

  const open = (options: { maxBatch?: number; startProjector?: boolean } = {}) => {
    broker = new InMemoryBroker();
    const under = new DoubleBrokerUnderTest(broker);
    rig = RelayRig.open(
      under,
      { ...FAST, relay: { ...FAST.relay, maxBatch: options.maxBatch ?? 500 } },
      { startProjector: options.startProjector },
    );
    invariant = new AckInvariant(broker, under.topics, join(rig.ledger.dir, 'messaging.sqlite'));
    broker.onInjectedFailure = (what) => invariant.checkStored(`at an injected ${what}`);
    failures.length = 0;
  };
  const start = () => rig.startRelay({ onFailure: (step) => failures.push(step) }, invariant.checking(rig.state));
  const expectNoLossAndNoCheckpointAheadOfAck = async () => {
    const log = await rig.log();
    invariant.useLog(log).checkStored('at the end');
    expect(invariant.violations).toEqual([]);
    expect(deliveredByStream(await rig.broker.read(rig.broker.topics.events))).toEqual(expectedByStream(log));
    return log;
  };

  afterEach(() => rig.close());

  const scenarios: [string, ProduceOutcome[], { duplicates: boolean }][] = [
    ['refuses three sends', [refuse(), refuse(), refuse()], { duplicates: false }],
    ["never answers a send (the relay's timeout fires)", [hang()], { duplicates: false }],
    [
      'acknowledges late, after the relay gave up on the send',
      [lateAck(FAST.relay.sendTimeoutMs! * 3)],
      { duplicates: true },
    ],
    ['dies mid-batch after writing part of it', [dieMidBatch(3)], { duplicates: true }],
    [
      'fails in every way in turn',
      [refuse(), dieMidBatch(2), hang(), lateAck(FAST.relay.sendTimeoutMs! * 2), refuse()],
      { duplicates: true },
    ],
  ];

  it.each(scenarios)(
    'a broker that %s: no loss, order kept, checkpoint only after acknowledgement',
    async (_name, schedule, { duplicates }) => {
      open({ maxBatch: 5 });
      await writeSampleLedger(rig.writer);
      invariant.useLog(await rig.log());
      broker.scheduleProduce(...schedule);
      const relay = await start();
      await rig.caughtUp(relay);
      const log = await expectNoLossAndNoCheckpointAheadOfAck();
      expect(failures.length).toBeGreaterThanOrEqual(schedule.length);
      expect(failures.every((f) => f === 'publish events' || f === 'publish statements')).toBe(true);
      expect(invariant.checks).toBeGreaterThan(schedule.length);
      const records = await rig.broker.read(rig.broker.topics.events);
      if (duplicates) expect(records.length).toBeGreaterThan(log.length);
      else expect(records).toHaveLength(log.length);
      // the same event twice carries the same event id and the same content
      const byId = new Map<string, string>();
      for (const r of records) {
        const id = r.headers['event-id'];
        expect(byId.get(id) ?? r.value).toBe(r.value);
        byId.set(id, r.value);
      }
    },
  );

  it('holds the checkpoint while a statement is refused, without sending the events again', async () => {
    open();
    await writeSampleLedger(rig.writer);
    invariant.useLog(await rig.log());
    broker.scheduleProduce(ack(), refuse(), refuse()); // events acknowledged, the statement refused twice
    const relay = await start();
    await rig.caughtUp(relay);
    const log = await expectNoLossAndNoCheckpointAheadOfAck();
    expect(failures).toEqual(['publish statements', 'publish statements']);
    expect(await rig.broker.read(rig.broker.topics.events)).toHaveLength(log.length);
    expect(statementsIn(await rig.broker.read(rig.broker.topics.statements))).toHaveLength(1);
  });

  it('retries a checkpoint write that fails, sending nothing again', async () => {
    open();
    await writeSampleLedger(rig.writer);
    invariant.useLog(await rig.log());
    const state = invariant.checking(rig.state);
    state.failSaves(2);
    const relay = await rig.startRelay({ onFailure: (step) => failures.push(step) }, state);
    await rig.caughtUp(relay);
    const log = await expectNoLossAndNoCheckpointAheadOfAck();
    expect(failures).toEqual(['save checkpoint', 'save checkpoint']);
    expect(await rig.broker.read(rig.broker.topics.events)).toHaveLength(log.length);
  });

  it('killed while the broker keeps refusing, a restarted relay resumes from the last acknowledged checkpoint: nothing lost', async () => {
    open({ maxBatch: 4 });
    await writeSampleLedger(rig.writer);
    invariant.useLog(await rig.log());
    broker.scheduleProduce(ack(), ack(), ...Array.from({ length: 50 }, refuse));
    const first = await start();
    while (failures.length < 3) await new Promise((resolve) => setTimeout(resolve, 2));
    await first.stop(); // the process dies mid-retry
    const stopped = await rig.state.relayCheckpoint();
    expect(stopped.position).toBeGreaterThan(0); // two batches were acknowledged and checkpointed …
    expect(stopped.position).toBeLessThan(await rig.head()); // … the rest was not
    // the restarted relay meets the same broker, still refusing for a while
    const second = await start();
    await rig.caughtUp(second, 15_000);
    await expectNoLossAndNoCheckpointAheadOfAck();
  });

  it("waits for the read models before stating a partnership's value, and checkpoints only after", async () => {
    open({ startProjector: false });
    const expected = await writeSampleLedger(rig.writer);
    invariant.useLog(await rig.log());
    const relay = await start();
    while (failures.length < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(failures.every((f) => f === 'wait for read models')).toBe(true);
    expect(relay.current()!.position).toBe(0);
    expect(await rig.broker.read(rig.broker.topics.statements)).toHaveLength(0);
    rig.startProjector();
    await rig.caughtUp(relay);
    const statements = statementsIn(await rig.broker.read(rig.broker.topics.statements));
    expect(statements.map((s) => [s.statementKey, s.attributedPence])).toEqual([
      [expected.statementKey, expected.attributedPence],
    ]);
    await expectNoLossAndNoCheckpointAheadOfAck();
  });

  it('stops for good when another relay moved the checkpoint (two relays on one log)', async () => {
    open();
    await writeSampleLedger(rig.writer);
    const relay = await start();
    await rig.caughtUp(relay);
    const stored = await rig.state.relayCheckpoint();
    await rig.state.saveRelayCheckpoint({ position: stored.position, statements: stored.statements }, stored.revision); // the other relay
    await validateMore(rig.writer, 'b11', 1_00);
    await expect(relay.done).rejects.toBeInstanceOf(CheckpointConflictError);
  });

  it('refuses to start from a checkpoint ahead of the log (a log restored from an older backup); republishing from the start recovers', async () => {
    open();
    await writeSampleLedger(rig.writer);
    await rig.state.saveRelayCheckpoint({ position: (await rig.head()) + 10, statements: {} }, -1);
    await expect(rig.startRelay()).rejects.toThrow(/ahead of the log.*gateway --republish-from-start/);
    expect(broker.sends).toBe(0);

    await EventRelay.republishFromStart(rig.state);
    const relay = await rig.startRelay();
    await rig.caughtUp(relay);
    const log = await rig.log();
    expect(await rig.broker.read(rig.broker.topics.events)).toHaveLength(log.length);
    expect(statementsIn(await rig.broker.read(rig.broker.topics.statements))).toHaveLength(1);
  });
});
