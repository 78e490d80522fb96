import { DEAD_LETTER_HEADERS, FinanceReportConsumerOptions, MESSAGE_ID_HEADER } from '../src';
import { BrokerUnderTest } from './support/broker-under-test';
import { ConsumerRig, reportMessage } from './support/consumer-rig';
import { validReport } from './support/finance-report-intake.double';

/**
 * The finance-report consumer's behaviour that any broker must show, run against the in-memory double
 * (finance-report-consumer.spec.ts) and against real Kafka (kafka-consumer.integration-spec.ts). Failure
 * injection is the double's alone (finance-report-consumer.failures.spec.ts and .property.spec.ts).
 */
export function describeConsumerSuite(
  name: string,
  openBroker: () => Promise<BrokerUnderTest>,
  timing: Partial<FinanceReportConsumerOptions>,
): void {
  describe(`finance-report consumer: ${name}`, () => {
    let rig: ConsumerRig;

    beforeEach(async () => {
      rig = new ConsumerRig(await openBroker(), timing);
    });
    afterEach(() => rig.close());

    it('accepts reports, drops duplicates by message id, dead-letters what it cannot accept with the reason, and goes on', async () => {
      const invalid = { ...validReport('org-4', 100), totalPence: 99 }; // lines do not add up
      await rig.publish(
        reportMessage('m1', validReport('org-1', 120_000_00)),
        reportMessage('m2', validReport('org-2', 5_00)),
        reportMessage('m1', validReport('org-1', 120_000_00)), // sent twice
        reportMessage('m3', '{"organisationId": "org-3", '), // not JSON
        reportMessage(null, validReport('org-5', 1)), // no message id
        reportMessage('m4', invalid),
        reportMessage('m5', validReport('org-6', 7_00)),
      );
      rig.start();
      await rig.untilHandled(7);

      expect([...rig.intake.accepted.keys()].sort()).toEqual(['m1', 'm2', 'm5']);
      expect(rig.handled.map((h) => h.outcome).sort()).toEqual([
        'accepted',
        'accepted',
        'accepted',
        'dead-lettered',
        'dead-lettered',
        'dead-lettered-without-id',
        'duplicate',
      ]);
      expect(rig.intake.calls.filter((id) => id === 'm1')).toHaveLength(1); // the duplicate never reached the intake

      const dead = await rig.broker.read(rig.broker.topics.financeReportsDeadLetter);
      const byId = (id: string | undefined) => dead.find((d) => d.headers[MESSAGE_ID_HEADER] === id)!;
      expect(dead).toHaveLength(3);
      expect(byId('m3').headers[DEAD_LETTER_HEADERS.reason]).toMatch(/not JSON/);
      expect(byId('m3').value).toBe('{"organisationId": "org-3", '); // unchanged, to be corrected and sent again
      expect(byId('m4').headers[DEAD_LETTER_HEADERS.reason]).toBe('400: the lines do not add up to totalPence');
      expect(JSON.parse(byId('m4').headers[DEAD_LETTER_HEADERS.errors])).toEqual([
        { field: 'lines', message: 'the lines do not add up to totalPence' },
      ]);
      expect(byId(undefined).headers[DEAD_LETTER_HEADERS.reason]).toMatch(/no message-id header/);
      for (const d of dead) {
        expect(d.headers[DEAD_LETTER_HEADERS.originalTopic]).toBe(rig.broker.topics.financeReports);
        expect(d.headers[DEAD_LETTER_HEADERS.originalOffset]).toMatch(/^\d+$/);
      }

      expect(await rig.state.consumed(rig.broker.topics.financeReports, 'm4')).toMatchObject({
        outcome: 'dead-lettered',
        reason: '400: the lines do not add up to totalPence',
      });
      expect(await rig.state.consumed(rig.broker.topics.financeReports, 'm5')).toMatchObject({ outcome: 'accepted' });
      const committed = await rig.broker.committed(rig.groupId, rig.broker.topics.financeReports);
      expect(committed.reduce((a, b) => a + b, 0)).toBe(7);
    });

    it('after a crash between the intake and the commit, the message comes again and is not reported twice', async () => {
      await rig.publish(
        reportMessage('a1', validReport('org-1', 1_00)),
        reportMessage('a2', validReport('org-2', 2_00)),
        reportMessage('a3', validReport('org-3', 3_00)),
      );
      const first = rig.start();
      rig.intake.onAccepted = (id) => {
        if (id === 'a2') void first.stop();
      }; // the process dies: accepted, not remembered, not committed
      await rig.stopped();
      rig.intake.onAccepted = () => undefined;
      expect(rig.handled.map((h) => h.message.headers[MESSAGE_ID_HEADER])).not.toContain('a2');

      rig.start();
      await rig.untilHandled(3);
      expect([...rig.intake.accepted.keys()].sort()).toEqual(['a1', 'a2', 'a3']);
      expect(rig.intake.calls.filter((id) => id === 'a2')).toHaveLength(2); // handed over again, answered duplicate
      expect(rig.handled.find((h) => h.message.headers[MESSAGE_ID_HEADER] === 'a2')!.outcome).toBe('duplicate');
      const committed = await rig.broker.committed(rig.groupId, rig.broker.topics.financeReports);
      expect(committed.reduce((a, b) => a + b, 0)).toBe(3);
    });
  });
}
