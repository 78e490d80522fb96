import { EVENT_HEADERS, STATEMENT_HEADERS } from '../src';
import { interventionStream } from '@benefit-ledger/testing';
import { BrokerUnderTest } from './support/broker-under-test';
import { RelayRig, RigTiming, deliveredByStream, expectedByStream, statementsIn } from './support/relay-rig';
import { INTERVENTION, ORGS, PRIVATE, validateMore, writeSampleLedger } from './support/sample-ledger';

/**
 * The relay's behaviour that any broker must show, run against the in-memory double (event-relay.spec.ts)
 * and against real Kafka (kafka-relay.integration-spec.ts). Failure injection is the double's alone
 * (event-relay.failures.spec.ts, event-relay.property.spec.ts).
 */
export function describeRelaySuite(name: string, openBroker: () => Promise<BrokerUnderTest>, timing: RigTiming): void {
  describe(`relay: ${name}`, () => {
    let rig: RelayRig;

    beforeEach(async () => {
      rig = RelayRig.open(await openBroker(), timing);
    });
    afterEach(() => rig.close());

    it('publishes every public event once, keyed by stream, in stream order, with its headers; then checkpoints at the head', async () => {
      await writeSampleLedger(rig.writer);
      const relay = await rig.startRelay();
      await rig.caughtUp(relay);
      const log = await rig.log();
      const records = await rig.broker.read(rig.broker.topics.events);
      expect(deliveredByStream(records)).toEqual(expectedByStream(log));
      expect(records).toHaveLength(log.length); // no failures: exactly once
      for (const r of records) {
        const event = log.find((e) => e.eventId === r.headers[EVENT_HEADERS.eventId])!;
        expect(r.key).toBe(event.streamId);
        expect(r.headers).toMatchObject({
          'event-type': event.type,
          'schema-version': '1',
          'correlation-id': event.metadata.correlationId,
          'causation-id': event.metadata.causationId,
          hash: event.metadata.hash,
        });
        expect(r.value).not.toContain(PRIVATE);
        expect(r.value).not.toContain(event.metadata.actor.userId);
      }
      expect((await rig.state.relayCheckpoint()).position).toBe(await rig.head());
    });

    it('publishes a partnership statement when its attributed value changes, and only then', async () => {
      const expected = await writeSampleLedger(rig.writer);
      const relay = await rig.startRelay();
      await rig.caughtUp(relay);
      let statements = statementsIn(await rig.broker.read(rig.broker.topics.statements));
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatchObject({
        statementKey: expected.statementKey,
        partnershipId: 'lean-1',
        financialYear: '2024/25',
        attributedPence: expected.attributedPence,
        members: [
          { organisationId: ORGS.acute, basisPoints: 6000, attributedPence: expected.members[ORGS.acute] },
          { organisationId: ORGS.partner, basisPoints: 4000, attributedPence: expected.members[ORGS.partner] },
        ],
        costsPence: expected.costsPence,
        roi: { perPound: '£5.00 per £1', pencePerPound: 500 },
        upToPosition: await rig.head(),
      });

      await validateMore(rig.writer, 'b9', 20_000_00); // +£10,000.00 attributed at 50%
      await rig.caughtUp(relay);
      statements = statementsIn(await rig.broker.read(rig.broker.topics.statements));
      expect(statements.map((s) => s.attributedPence)).toEqual([50_000_00, 60_000_00]);
      expect(statements[1].members.map((m) => m.attributedPence)).toEqual([36_000_00, 24_000_00]);

      await rig.writer.measurement(INTERVENTION, 'm2'); // an enrolled intervention changes, its value does not
      await rig.writer.organisation('another-org');
      await rig.caughtUp(relay);
      const records = await rig.broker.read(rig.broker.topics.statements);
      expect(records).toHaveLength(2);
      expect(records[1].key).toBe(expected.statementKey);
      expect(records[1].headers[STATEMENT_HEADERS.contentHash]).toBe(statements[1].contentHash);
    });

    it('resumes after a restart from its checkpoint: nothing lost, nothing before the checkpoint sent again, statements remembered', async () => {
      await writeSampleLedger(rig.writer);
      const first = await rig.startRelay();
      await rig.caughtUp(first);
      await first.stop();

      await rig.writer.measurement(INTERVENTION, 'm3');
      await validateMore(rig.writer, 'b10', 2_000_00);
      await rig.writer.append(
        interventionStream(INTERVENTION),
        'InterventionDecisionRecorded',
        { decision: 'start', rationale: `${PRIVATE}go`, decidedOn: '2024-05-01' },
        { userId: 'x@y.nhs.uk', organisationId: ORGS.acute, role: 'contributor' },
      );

      const second = await rig.startRelay();
      await rig.caughtUp(second);
      const log = await rig.log();
      const records = await rig.broker.read(rig.broker.topics.events);
      expect(deliveredByStream(records)).toEqual(expectedByStream(log));
      expect(records).toHaveLength(log.length);
      const statements = statementsIn(await rig.broker.read(rig.broker.topics.statements));
      expect(statements.map((s) => s.attributedPence)).toEqual([50_000_00, 51_000_00]);
    });
  });
}
