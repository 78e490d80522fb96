import fc from 'fast-check';
import { FinanceReportConsumer, OutboundMessage } from '../src';
import { DoubleBrokerUnderTest } from './support/broker-under-test';
import { CommitInvariant, messageIdOf } from './support/commit-invariant';
import { ConsumerRig, reportMessage } from './support/consumer-rig';
import {
  InMemoryBroker,
  ProduceOutcome,
  ack,
  dieMidBatch,
  hang,
  lateAck,
  refuse,
} from './support/in-memory-broker.double';
import { validReport } from './support/finance-report-intake.double';

/**
 * The consumer over random streams of finance-report messages (good, bad, not JSON, without an id, sent more
 * than once, over several partitions), with random dead-letter failures, ledger outages, refused commits and
 * kills followed by restarts. Real SQLite messaging state; the broker is the in-memory double. Whatever
 * happens: every good report is in the ledger once, every bad one is dead-lettered (at least once), nothing
 * good is dead-lettered, everything ends committed, and no commit ever ran ahead of its message being handled.
 */

type Kind = 'good' | 'bad' | 'not-json' | 'no-id';
const messageArb = fc.record({
  kind: fc.constantFrom<Kind>('good', 'good', 'good', 'bad', 'not-json', 'no-id'),
  key: fc.constantFrom('k1', 'k2', 'k3', 'k4'),
  copies: fc.constantFrom(1, 1, 2),
});
const outcomeArb: fc.Arbitrary<ProduceOutcome> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(ack()) },
  { weight: 2, arbitrary: fc.constant(refuse()) },
  { weight: 1, arbitrary: fc.constant(hang()) },
  { weight: 1, arbitrary: fc.constant(lateAck(30)) },
  { weight: 1, arbitrary: fc.constant(dieMidBatch(0)) },
);
const scenarioArb = fc.record({
  messages: fc.array(messageArb, { minLength: 1, maxLength: 15 }),
  deadLetterSchedule: fc.array(outcomeArb, { maxLength: 6 }),
  commits: fc.array(fc.constantFrom<'ok' | 'fail'>('ok', 'ok', 'fail'), { maxLength: 8 }),
  outages: fc.nat(3),
  /** Kill the consumer right after the n-th report is accepted (before it is remembered and committed), then restart. */
  killAfterAccepting: fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { maxLength: 2 }),
});

describe('finance-report consumer properties under random failures (in-memory broker double)', () => {
  it('accepts each good report once, dead-letters each bad one, commits everything, never ahead of handling', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const broker = new InMemoryBroker();
        const rig = new ConsumerRig(new DoubleBrokerUnderTest(broker), {
          sendTimeoutMs: 15,
          backoff: { initialMs: 1, maxMs: 2 },
        });
        try {
          const invariant = new CommitInvariant(broker, rig.broker.topics, rig.intake);
          const published: OutboundMessage[] = [];
          const good = new Set<string>();
          const bad = new Set<string>();
          scenario.messages.forEach((m, i) => {
            const id = `msg-${i}`;
            const message =
              m.kind === 'good'
                ? reportMessage(id, validReport(`org-${i}`, i * 100), m.key)
                : m.kind === 'bad'
                  ? reportMessage(id, { ...validReport(`org-${i}`, 100), totalPence: -1 }, m.key)
                  : m.kind === 'not-json'
                    ? reportMessage(id, '{"totalPence": ', m.key)
                    : reportMessage(null, validReport(`org-${i}`, 1), m.key);
            (m.kind === 'good' ? good : bad).add(id);
            for (let c = 0; c < m.copies; c += 1) published.push(message);
          });
          broker.scheduleProduce(...scenario.deadLetterSchedule).scheduleCommits(...scenario.commits);
          rig.intake.failNext(scenario.outages);
          await rig.publish(...published);

          let accepted = 0;
          let current: FinanceReportConsumer | null = null;
          rig.intake.onAccepted = () => {
            accepted += 1;
            if (scenario.killAfterAccepting.includes(accepted)) void current?.stop();
          };
          const allCommitted = waitFor(
            async () =>
              sum(await rig.broker.committed(rig.groupId, rig.broker.topics.financeReports)) === published.length,
          );
          for (let life = 0; ; life += 1) {
            current = rig.start({ onHandled: invariant.afterCommit });
            const outcome = await Promise.race([
              rig.stopped().then(() => 'killed' as const),
              allCommitted.then(() => 'done' as const),
            ]);
            if (outcome === 'done') break;
            if (life > scenario.killAfterAccepting.length) throw new Error('killed more often than scheduled');
          }

          expect(invariant.violations).toEqual([]);
          expect(invariant.checks).toBeGreaterThanOrEqual(published.length);
          expect(new Set(rig.intake.accepted.keys())).toEqual(good);
          const dead = broker.acknowledged(rig.broker.topics.financeReportsDeadLetter);
          const deadIds = dead.map(messageIdOf);
          expect(deadIds.filter((id) => id !== undefined && good.has(id))).toEqual([]);
          for (const id of bad) {
            if (published.some((p) => messageIdOf(p) === id)) expect(deadIds).toContain(id);
          }
          const withoutId = published.filter((p) => messageIdOf(p) === undefined).length;
          expect(deadIds.filter((id) => id === undefined).length).toBeGreaterThanOrEqual(withoutId);
        } finally {
          await rig.close();
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 40) },
    );
  }, 60_000);
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
